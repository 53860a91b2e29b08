// What a reader (or a screen reader) gets out of a PDF, read with pdf.js. For tests only:
// pdfjs-dist is a dev dependency, so nothing outside the tests may import this file.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfOutlineEntry {
  readonly title: string;
  readonly items: PdfOutlineEntry[];
}

export interface PdfStructureElement {
  readonly role: string;
  /** Alternative text (`/Alt`), for figures. */
  readonly alt?: string;
  readonly children: PdfStructureElement[];
}

export interface PdfReading {
  /** The text layer of each page, a line per line of text. */
  readonly pages: string[];
  /** `/MarkInfo /Marked true`: a tagged PDF. */
  readonly marked: boolean;
  /** The title in the document information (Chromium takes it from `<title>`). */
  readonly title: string | undefined;
  /** The catalogue's `/Lang` (Chromium takes it from `<html lang>`). */
  readonly language: string | undefined;
  /** The bookmarks. */
  readonly outline: PdfOutlineEntry[];
  /** The structure tree of each page (its elements, without the marked-content leaves). */
  readonly structure: PdfStructureElement[];
}

interface RawStructNode {
  role?: string;
  alt?: string;
  children?: RawStructNode[];
}

interface RawOutlineNode {
  title: string;
  items: RawOutlineNode[];
}

function structureOf(node: RawStructNode): PdfStructureElement {
  const children = (node.children ?? []).filter((c) => typeof c.role === 'string').map(structureOf);
  return { role: node.role ?? '', ...(node.alt ? { alt: node.alt } : {}), children };
}

function outlineOf(nodes: RawOutlineNode[]): PdfOutlineEntry[] {
  return nodes.map((n) => ({ title: n.title, items: outlineOf(n.items ?? []) }));
}

/** Reads a PDF's text layer, tagging, metadata, outline and structure tree. */
export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
  // pdf.js takes the buffer over (it may be detached), so it gets a copy.
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    const structure: PdfStructureElement[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
      const tree = (await page.getStructTree()) as RawStructNode | null;
      if (tree) structure.push(structureOf(tree));
    }
    const { info } = await doc.getMetadata();
    const fields = info as { Title?: string; Language?: string };
    return {
      pages,
      marked: (await doc.getMarkInfo())?.Marked === true,
      title: fields.Title || undefined,
      language: fields.Language || undefined,
      outline: outlineOf(((await doc.getOutline()) ?? []) as RawOutlineNode[]),
      structure,
    };
  } finally {
    await doc.destroy();
  }
}

/** Every element of the structure trees, depth first: `[{ role: 'H1', alt: undefined }, …]`. */
export function structureElements(structure: PdfStructureElement[]): PdfStructureElement[] {
  return structure.flatMap((e) => [e, ...structureElements(e.children)]);
}
