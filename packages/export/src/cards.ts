// Printable case cards: one A6 card per case, the dilemma on the front and the discussion prompts
// with a QR code (to the case or its vote) on the back. The caller localises everything, so this
// file holds layout only, no interface text.
import type { Browser } from 'playwright-core';
import QRCode from 'qrcode';
import { htmlToPdf, type PdfPrinter } from './pdf.ts';

/** One case as printed on a card, already in the card's language. */
export interface CaseCard {
  readonly id: string;
  /** The title, phrased as a tension. */
  readonly title: string;
  /** Responsibility A, shown as "A versus B" with {@link hornB}. */
  readonly hornA?: string;
  readonly hornB?: string;
  readonly situation: string;
  /** A criterion that helps decide, such as the publicity test. */
  readonly criterion?: string;
  /** Questions that open the conversation, on the back. */
  readonly prompts: readonly string[];
  /** The address the QR code on the back holds. */
  readonly qrUrl: string;
  /** The text under the QR code ("Scan to vote"). */
  readonly qrCaption: string;
}

/** The words on the cards around the case's own text, in the cards' language. */
export interface CaseCardLabels {
  /** The document's title (the PDF's title): "Casuskaarten". */
  readonly documentTitle: string;
  /** Between the two horns: "tegenover". */
  readonly versus: string;
  /** Lead-in of the criterion on the front: "Toets". */
  readonly criterion: string;
  /** Heading of the prompts on the back: "Vragen voor het gesprek". */
  readonly questions: string;
  /** Text alternative of the QR code, followed by its address: "Scan om te stemmen". */
  readonly scan: string;
}

export interface CaseCardsOptions {
  readonly lang: 'nl' | 'en';
  readonly labels: CaseCardLabels;
}

export interface CaseCardsPdfOptions extends CaseCardsOptions {
  /** The server's printer; without it, {@link browser} (or a browser of its own) prints. */
  readonly printer?: PdfPrinter;
  readonly browser?: Browser;
}

// Geometry of an A6 page (105 × 148 mm), in points: the fit below is estimated in points.
const MARGIN_MM = 7;
const PT_PER_MM = 72 / 25.4;
const WIDTH_PT = (105 - 2 * MARGIN_MM) * PT_PER_MM;
const HEIGHT_PT = (148 - 2 * MARGIN_MM) * PT_PER_MM;
/** Share of the page the estimate may fill: fonts differ per machine, and estimates err. */
const SAFE_FILL = 0.88;
/** Base font sizes tried, largest first; below the last one text is shortened instead. */
const SIZES_PT = [11, 10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7] as const;
const QR_MM = 36;
const URL_PT = 6.5;

/** A run of text as laid out: sizes in em of the side's base size. */
interface Block {
  readonly text: string;
  /** Text printed before it that is never shortened (the criterion's lead-in). */
  readonly prefix?: string;
  readonly em: number;
  readonly lineHeight: number;
  readonly bold?: boolean;
  /** Left indent in em (list numbers, the horns' rule). */
  readonly indent?: number;
  /** Space after, in em of the block's own size. */
  readonly after: number;
  /** Whether the text may be shortened (with a visible "…") when the smallest size is not enough. */
  readonly shortenable?: boolean;
}

/**
 * Lines a text takes when wrapped greedily at word boundaries, with average glyph widths on the
 * wide side (DejaVu Sans is the widest of the fonts Chromium may fall back to). A word longer
 * than the line breaks anywhere, as the CSS (`overflow-wrap: anywhere`) lets it.
 */
function linesOf(text: string, widthPt: number, fontPt: number, bold: boolean): number {
  const glyph = (bold ? 0.64 : 0.58) * fontPt;
  const space = 0.32 * fontPt;
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const width = word.length * glyph;
    if (used > 0 && used + space + width <= widthPt) {
      used += space + width;
      continue;
    }
    if (used > 0) lines++;
    const extra = Math.max(0, Math.ceil(width / widthPt) - 1);
    lines += extra;
    used = width - extra * widthPt;
  }
  return lines;
}

function heightOf(blocks: readonly Block[], basePt: number): number {
  let height = 0;
  for (const b of blocks) {
    const fontPt = b.em * basePt;
    const width = WIDTH_PT - (b.indent ?? 0) * basePt;
    const text = b.prefix === undefined ? b.text : `${b.prefix} ${b.text}`;
    height += linesOf(text, width, fontPt, b.bold ?? false) * fontPt * b.lineHeight + b.after * fontPt;
  }
  return height;
}

/**
 * The text up to `cap` characters, cut after a whole word and marked with "…" (a single word
 * longer than `cap` is cut inside, the "…" still showing the cut).
 */
function shorten(text: string, cap: number): string {
  if (text.length <= cap) return text;
  const head = text.slice(0, cap + 1);
  const wordEnd = /\s/.test(head.charAt(cap)) ? cap : head.search(/\s+\S*$/);
  const cut = wordEnd > 0 ? text.slice(0, wordEnd) : text.slice(0, cap);
  return `${cut.replace(/[\s,;:.–—-]+$/, '')} …`;
}

/**
 * The largest base size at which the blocks fit in `availablePt`. When even the smallest size is
 * too big, the shortenable blocks are cut after a whole word (the cut shows as "…"), never hidden.
 */
function fit(blocks: readonly Block[], availablePt: number): { sizePt: number; blocks: readonly Block[] } {
  const room = availablePt * SAFE_FILL;
  for (const sizePt of SIZES_PT) if (heightOf(blocks, sizePt) <= room) return { sizePt, blocks };
  const sizePt = SIZES_PT[SIZES_PT.length - 1] ?? 7;
  const capped = (cap: number) => blocks.map((b) => (b.shortenable ? { ...b, text: shorten(b.text, cap) } : b));
  let low = 0;
  let high = Math.max(...blocks.map((b) => b.text.length));
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (heightOf(capped(mid), sizePt) <= room) low = mid;
    else high = mid - 1;
  }
  return { sizePt, blocks: capped(low) };
}

/** Minimal escaping for text and attribute values (export does not depend on @goedwerk/report). */
function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Paragraphs of a text: blank lines separate them, single line breaks are spaces. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** A block with how it is written out, given its (possibly shortened) escaped text. */
type Piece = Block & { readonly html: (text: string) => string };

/** Lays the pieces out at the size that fits, each written out with its fitted text. */
function fitted(pieces: readonly Piece[], availablePt: number): { sizePt: number; html: string } {
  const { sizePt, blocks } = fit(pieces, availablePt);
  return { sizePt, html: blocks.map((b, i) => pieces[i]?.html(esc(b.text)) ?? '').join('') };
}

function frontHtml(card: CaseCard, labels: CaseCardLabels): string {
  const pieces: Piece[] = [{ text: card.title, em: 1.35, lineHeight: 1.2, bold: true, after: 0.5, shortenable: true, html: (t) => `<h1>${t}</h1>` }];
  const horn = (text: string, last: boolean): Piece => ({
    text,
    em: 0.95,
    lineHeight: 1.3,
    indent: 0.7,
    after: last ? 0.7 : 0.2,
    shortenable: true,
    html: (t) => `<p class="horn${last ? ' last' : ''}">${t}</p>`,
  });
  if (card.hornA !== undefined) pieces.push(horn(card.hornA, card.hornB === undefined));
  if (card.hornA !== undefined && card.hornB !== undefined) {
    pieces.push({ text: labels.versus, em: 0.85, lineHeight: 1.3, after: 0.2, html: (t) => `<p class="versus">${t}</p>` });
  }
  if (card.hornB !== undefined) pieces.push(horn(card.hornB, true));
  for (const p of paragraphs(card.situation)) {
    pieces.push({ text: p, em: 1, lineHeight: 1.4, after: 0.5, shortenable: true, html: (t) => `<p class="situation">${t}</p>` });
  }
  if (card.criterion !== undefined) {
    const lead = esc(labels.criterion);
    pieces.push({
      text: card.criterion,
      prefix: labels.criterion,
      em: 0.95,
      lineHeight: 1.35,
      after: 0.6,
      shortenable: true,
      html: (t) => `<p class="criterion"><strong>${lead}</strong> ${t}</p>`,
    });
  }
  const { sizePt, html } = fitted(pieces, HEIGHT_PT);
  return `<section class="side front" style="font-size:${sizePt}pt">${html}</section>`;
}

async function qrSvg(card: CaseCard, labels: CaseCardLabels): Promise<string> {
  const svg = await QRCode.toString(card.qrUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  // The generated SVG holds no user text (only paths); the label is escaped here.
  return svg.trim().replace(/^<svg /, `<svg role="img" aria-label="${esc(`${labels.scan}: ${card.qrUrl}`)}" `);
}

async function backHtml(card: CaseCard, labels: CaseCardLabels): Promise<string> {
  const urlLines = linesOf(card.qrUrl.replace(/\s+/g, ''), WIDTH_PT, URL_PT * 1.1, false);
  const qrHeight = QR_MM * PT_PER_MM + 2 * 9 * 1.3 + urlLines * URL_PT * 1.3 + 12;
  const pieces: Piece[] = [{ text: card.title, em: 0.8, lineHeight: 1.25, after: 0.6, shortenable: true, html: (t) => `<p class="back-title">${t}</p>` }];
  if (card.prompts.length > 0) {
    pieces.push({ text: labels.questions, em: 1.15, lineHeight: 1.2, bold: true, after: 0.5, html: (t) => `<h2>${t}</h2>` });
    card.prompts.forEach((prompt, i) => {
      const first = i === 0 ? '<ol>' : '';
      const last = i === card.prompts.length - 1 ? '</ol>' : '';
      pieces.push({ text: prompt, em: 1, lineHeight: 1.35, indent: 2, after: 0.35, shortenable: true, html: (t) => `${first}<li>${t}</li>${last}` });
    });
  }
  const { sizePt, html } = fitted(pieces, HEIGHT_PT - qrHeight);
  const url = esc(card.qrUrl);
  const link = /^https?:/i.test(card.qrUrl) ? `<a href="${url}">${url}</a>` : url;
  return `<section class="side back" style="font-size:${sizePt}pt">${html}
<figure class="qr">${await qrSvg(card, labels)}<figcaption><span class="caption">${esc(card.qrCaption)}</span><span class="url">${link}</span></figcaption></figure>
</section>`;
}

const CSS = `@page { size: 105mm 148mm; margin: ${MARGIN_MM}mm; }
* { box-sizing: border-box; }
:root { color: #1a1a1a; background: #fff; font-family: "Segoe UI", Arial, Helvetica, sans-serif; }
body { margin: 0; }
p, h1, h2, ol, figure { margin: 0; }
.side { overflow-wrap: anywhere; break-inside: avoid; }
.back, .card + .card { break-before: page; }
.front h1 { font-size: 1.35em; line-height: 1.2; margin-bottom: 0.5em; }
.horn { font-size: 0.95em; line-height: 1.3; padding-left: 0.6em; border-left: 0.6mm solid #1a1a1a; }
.horn.last { margin-bottom: 0.7em; }
.versus { font-size: 0.85em; line-height: 1.3; font-style: italic; margin: 0.2em 0; }
.situation { line-height: 1.4; margin-bottom: 0.5em; }
.criterion { font-size: 0.95em; line-height: 1.35; border-top: 0.3mm solid #777; padding-top: 0.4em; }
.back { display: flex; flex-direction: column; min-height: ${148 - 2 * MARGIN_MM - 3}mm; }
.back-title { font-size: 0.8em; line-height: 1.25; color: #444; margin-bottom: 0.6em; }
.back h2 { font-size: 1.15em; line-height: 1.2; margin-bottom: 0.5em; }
.back ol { padding-left: 2em; }
.back li { line-height: 1.35; margin-bottom: 0.35em; }
.qr { margin-top: auto; padding-top: 3mm; text-align: center; }
.qr svg { display: block; width: ${QR_MM}mm; height: ${QR_MM}mm; margin: 0 auto; }
.qr figcaption { font-size: 9pt; line-height: 1.3; }
.qr .caption { display: block; font-weight: bold; }
.qr .url { display: block; font-size: ${URL_PT}pt; color: #444; word-break: break-all; }
.qr .url a { color: inherit; text-decoration: none; }
`;

/**
 * A standalone HTML document of case cards: A6 portrait, two pages per card — the front with the
 * title as a tension, "A versus B", the situation and the criterion; the back with the discussion
 * prompts and a QR code of the card's address with its caption and the address in small print.
 * Long text gets a smaller font; only when even the smallest is too big is it shortened after a
 * whole word, with a visible "…". All text is escaped; the QR code is inline SVG.
 */
export async function caseCardsHtml(cards: readonly CaseCard[], options: CaseCardsOptions): Promise<string> {
  const sides: string[] = [];
  for (const card of cards) {
    sides.push(`<article class="card" id="${esc(`card-${card.id}`)}">${frontHtml(card, options.labels)}\n${await backHtml(card, options.labels)}</article>`);
  }
  return `<!doctype html>
<html lang="${options.lang === 'en' ? 'en' : 'nl'}">
<head><meta charset="utf-8"><title>${esc(options.labels.documentTitle)}</title><style>${CSS}</style></head>
<body>
${sides.join('\n')}
</body>
</html>
`;
}

/** The case cards as a tagged PDF, A6, two pages per card; see {@link caseCardsHtml}. */
export async function caseCardsPdf(cards: readonly CaseCard[], options: CaseCardsPdfOptions): Promise<Uint8Array> {
  const html = await caseCardsHtml(cards, options);
  if (options.printer) return options.printer.print(html, { preferCssPageSize: true });
  return htmlToPdf(html, { preferCssPageSize: true, ...(options.browser ? { browser: options.browser } : {}) });
}
