/// <reference path="./pandoc-wasm.d.ts" />
import type { ConvertResult, PandocFile } from 'pandoc-wasm';

// Pandoc (GPL-2.0-or-later) runs as a separate, unmodified WASI program from the npm package
// pandoc-wasm; we talk to it only through its options, files and output (decision 13).

type Pandoc = typeof import('pandoc-wasm');

export type ReportLanguage = 'nl' | 'en';
export type OfficeFormat = 'docx' | 'odt';

/** The BCP 47 tag pandoc writes: DOCX gets `w:lang w:val="nl-NL"`, ODT `fo:language="nl" fo:country="NL"`. */
const LANGUAGE_TAG: Record<ReportLanguage, string> = { nl: 'nl-NL', en: 'en-GB' };

/**
 * The report's Markdown is GitHub-flavoured, the dialect the HTML export reads it in (marked with
 * `gfm`), so every format shows the same document: pipe tables, strikethrough, task lists and bare
 * web addresses as links; no math between dollars, emoji codes, footnotes, alerts or a metadata
 * block, which the HTML does not have either. GFM has no smart typography and no raw OOXML or ODF
 * blocks, so text stays as typed.
 */
const MARKDOWN = 'gfm-tex_math_dollars-tex_math_gfm-emoji-footnotes-alerts-yaml_metadata_block';

let loading: Promise<Pandoc> | null = null;

/**
 * Loads pandoc once (58 MB of WebAssembly; importing the package compiles and starts it) and
 * returns the same instance afterwards. Call it at start-up to take the cost before the first export.
 */
export function loadPandoc(): Promise<Pandoc> {
  loading ??= import('pandoc-wasm');
  return loading;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs pandoc calls one after another. pandoc-wasm has one instance with one in-memory file system
 * that every `convert` clears and fills across an `await`: two calls at once would see each
 * other's files. So every call goes through this queue.
 */
function exclusive<T>(job: () => Promise<T>): Promise<T> {
  const result = queue.then(job, job);
  queue = result.catch(() => undefined);
  return result;
}

async function run(options: Record<string, unknown>, stdin: string | null, files: Record<string, PandocFile>): Promise<ConvertResult> {
  const pandoc = await loadPandoc();
  return exclusive(() => pandoc.convert(options, stdin, files));
}

function failure(result: ConvertResult, what: string): Error {
  return new Error(`pandoc could not ${what}: ${result.stderr.trim() || 'no output and no message'}`);
}

async function outputBytes(result: ConvertResult, name: string, what: string): Promise<Uint8Array> {
  const file = result.files[name];
  // pandoc-wasm returns the output file as a Blob, and leaves it out when pandoc wrote nothing.
  if (!(file instanceof Blob) || file.size === 0) throw failure(result, what);
  return new Uint8Array(await file.arrayBuffer());
}

/**
 * A custom pandoc writer (Lua, run inside pandoc) for one office format. It first treats raw HTML,
 * links and images as the HTML export does. Then the title: it belongs in the document properties
 * only, but pandoc's own writers also print it as a Title paragraph above the body, which would
 * repeat the report's first heading. So the document is written twice, with and without the
 * title, and the part that holds the document properties is taken from the first.
 */
function officeWriter(format: OfficeFormat): string {
  const propertiesPart = format === 'docx' ? 'docProps/core.xml' : 'meta.xml';
  return `
local FORMAT = '${format}'
local PROPERTIES = '${propertiesPart}'

-- As in the HTML export: raw HTML is shown as text, links go only to web and mail addresses
-- (others keep their text), and images are replaced by their text alternative: nothing is
-- fetched or embedded.
local function safe_target(target)
  local t = target:lower()
  return t:match('^https?:') or t:match('^mailto:')
end
local AS_IN_HTML = {
  RawInline = function(raw) return pandoc.Str(raw.text) end,
  RawBlock = function(raw) return pandoc.Para({ pandoc.Str(raw.text) }) end,
  Link = function(link)
    if not safe_target(link.target) then return link.content end
  end,
  Image = function(image) return image.caption end,
}

function ByteStringWriter(doc, opts)
  doc = doc:walk(AS_IN_HTML)
  if FORMAT == 'odt' then
    -- pandoc.write does not make a standalone document by itself; the ODT body needs its template.
    opts.template = pandoc.template.compile(pandoc.template.default('opendocument'))
  end
  if doc.meta.title == nil then
    return pandoc.write(doc, FORMAT, opts)
  end
  local titled = pandoc.zip.Archive(pandoc.write(doc, FORMAT, opts))
  local body = doc:clone()
  body.meta.title = nil
  local archive = pandoc.zip.Archive(pandoc.write(body, FORMAT, opts))
  local properties = nil
  for _, entry in ipairs(titled.entries) do
    if entry.path == PROPERTIES then properties = entry end
  end
  assert(properties, 'no ' .. PROPERTIES .. ' in the ' .. FORMAT .. ' output')
  local entries = {}
  for _, entry in ipairs(archive.entries) do
    table.insert(entries, entry.path == PROPERTIES and properties or entry)
  end
  archive.entries = entries
  return archive:bytestring()
end
`;
}

async function markdownToOffice(format: OfficeFormat, markdown: string, lang: ReportLanguage, title?: string): Promise<Uint8Array> {
  const output = `report.${format}`;
  const metadata: Record<string, string> = { lang: LANGUAGE_TAG[lang] };
  // Metadata given as options is a literal string to pandoc, not Markdown: no escaping needed.
  if (title !== undefined && title.trim() !== '') metadata.title = title;
  const result = await run(
    { from: MARKDOWN, to: 'office-writer.lua', 'output-file': output, metadata },
    markdown,
    { 'office-writer.lua': officeWriter(format) },
  );
  return outputBytes(result, output, `write ${format.toUpperCase()}`);
}

/**
 * Converts the report's Markdown to a Word document: headings in Word's own styles Heading 1, 2, 3
 * (so they show in the navigation pane and screen readers announce them), pipe tables as tables
 * with a repeating header row, the document language and, if given, the title in the properties.
 */
export function markdownToDocx(markdown: string, lang: ReportLanguage, title?: string): Promise<Uint8Array> {
  return markdownToOffice('docx', markdown, lang, title);
}

/**
 * Converts the report's Markdown to an OpenDocument text (LibreOffice, the Dutch government's
 * open standard): headings as `text:h` in the styles Heading 1, 2, 3, pipe tables as tables, the
 * document language and, if given, the title in the properties.
 */
export function markdownToOdt(markdown: string, lang: ReportLanguage, title?: string): Promise<Uint8Array> {
  return markdownToOffice('odt', markdown, lang, title);
}

/** Reads a DOCX or ODT back with pandoc as plain text, one blank line between blocks, lines unwrapped. For tests. */
export async function docxOrOdtToPlainText(bytes: Uint8Array, format: OfficeFormat): Promise<string> {
  const input = `document.${format}`;
  const result = await run({ from: format, to: 'plain', wrap: 'none', 'input-files': [input] }, null, { [input]: new Blob([bytes]) });
  if (result.stderr.includes('ERROR')) throw failure(result, `read ${format.toUpperCase()}`);
  return result.stdout;
}

/** A custom pandoc reader (Lua) that lists a ZIP package's parts as code blocks named by path. */
const PACKAGE_READER = `
function ByteStringReader(input)
  local blocks = {}
  for _, entry in ipairs(pandoc.zip.Archive(input).entries) do
    table.insert(blocks, pandoc.CodeBlock(entry:contents(), { id = entry.path }))
  end
  return pandoc.Pandoc(blocks)
end
`;

interface JsonCodeBlock {
  readonly t: string;
  readonly c: [[string, string[], [string, string][]], string];
}

/**
 * The text of the parts of a DOCX or ODT package (both are ZIP files), by path: `word/document.xml`,
 * `content.xml`, `styles.xml` … Unzipped by pandoc itself (its Lua `pandoc.zip`). For tests.
 */
export async function packageParts(bytes: Uint8Array): Promise<Map<string, string>> {
  const result = await run(
    { from: 'package-reader.lua', to: 'json', 'input-files': ['package.zip'] },
    null,
    { 'package.zip': new Blob([bytes]), 'package-reader.lua': PACKAGE_READER },
  );
  if (result.stderr.includes('ERROR') || !result.stdout) throw failure(result, 'unzip the package');
  const blocks = (JSON.parse(result.stdout) as { blocks: JsonCodeBlock[] }).blocks;
  return new Map(blocks.filter((b) => b.t === 'CodeBlock').map((b) => [b.c[0][0], b.c[1]]));
}
