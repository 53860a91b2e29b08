/**
 * Import and export of the case library (dilemmabank): one JSON document for the whole library, or
 * one Markdown file per case with YAML front matter. Pure: text in, cases out; no I/O.
 * Rules: docs/spec/library.md (`LB-`).
 */
import { isDeepStrictEqual } from 'node:util';
import { Case, type LocalizedText } from '@goedwerk/core';
import { Document, isSeq, parse as parseYaml } from 'yaml';
import type { z } from 'zod';

export const LIBRARY_FORMAT = 'goedwerk-case-library';
export const LIBRARY_VERSION = 1;

/** A case (or a whole document) that could not be imported, and why, in plain words. */
export interface ImportError {
  /** The case's position in the document's `cases`, or the file's position in the list given. */
  readonly index?: number;
  /** The case's id, when it has one that can be read. */
  readonly id?: string;
  /** The file name, for Markdown files. */
  readonly file?: string;
  readonly reason: string;
}

export interface LibraryImport {
  readonly cases: Case[];
  readonly errors: ImportError[];
}

/** A Markdown file that is not a valid case: names the file and, when readable, the case id. */
export class CaseFileError extends Error {
  constructor(
    readonly reason: string,
    readonly id?: string,
    readonly file?: string,
  ) {
    super(file === undefined ? reason : `${file}: ${reason}`);
    this.name = 'CaseFileError';
  }
}

type Entry = { index: number; file?: string } & ({ case: Case } | { id?: string; reason: string });

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(case)'}: ${i.message}`).join('; ');
}

function rawId(data: unknown): string | undefined {
  const id = data !== null && typeof data === 'object' ? (data as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** [LB-4][LB-5] Keeps the valid cases in order; an invalid one, or a later one with a used id, is an error. */
function collect(entries: readonly Entry[]): LibraryImport {
  const cases: Case[] = [];
  const errors: ImportError[] = [];
  const firstIndex = new Map<string, number>();
  for (const entry of entries) {
    const at = { index: entry.index, ...(entry.file === undefined ? {} : { file: entry.file }) };
    if (!('case' in entry)) {
      errors.push({ ...at, ...(entry.id === undefined ? {} : { id: entry.id }), reason: entry.reason });
      continue;
    }
    const first = firstIndex.get(entry.case.id);
    if (first !== undefined) {
      errors.push({ ...at, id: entry.case.id, reason: `the id "${entry.case.id}" is already used by the case at position ${first}` });
      continue;
    }
    firstIndex.set(entry.case.id, entry.index);
    cases.push(entry.case);
  }
  return { cases, errors };
}

/** [LB-1] The library as one JSON document: `{ format, version, cases }`. */
export function libraryToJson(cases: readonly Case[]): string {
  return `${JSON.stringify({ format: LIBRARY_FORMAT, version: LIBRARY_VERSION, cases }, null, 2)}\n`;
}

/** [LB-1][LB-4][LB-6] Reads a JSON library; each case is validated on its own. */
export function libraryFromJson(text: string): LibraryImport {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { cases: [], errors: [{ reason: `the file is not valid JSON (${(error as Error).message})` }] };
  }
  const doc = (data !== null && typeof data === 'object' && !Array.isArray(data) ? data : {}) as Record<string, unknown>;
  let reason: string | undefined;
  if (doc.format !== LIBRARY_FORMAT) reason = `the file is not a case library (its "format" is not "${LIBRARY_FORMAT}")`;
  else if (doc.version !== LIBRARY_VERSION) reason = `version ${JSON.stringify(doc.version)} of the case library cannot be read; this version reads ${LIBRARY_VERSION}`;
  else if (!Array.isArray(doc.cases)) reason = 'the file has no list of "cases"';
  if (reason !== undefined) return { cases: [], errors: [{ reason }] };
  const entries = (doc.cases as unknown[]).map((raw, index): Entry => {
    const parsed = Case.safeParse(raw);
    if (parsed.success) return { index, case: parsed.data };
    const id = rawId(raw);
    return { index, ...(id === undefined ? {} : { id }), reason: describe(parsed.error) };
  });
  return collect(entries);
}

// --- Markdown ---------------------------------------------------------------------------------

const BODY_FIELDS = ['situation', 'action', 'consequence', 'hindsight'] as const;
type BodyField = (typeof BODY_FIELDS)[number];
type Lang = 'nl' | 'en';

const LANGUAGE_HEADINGS: Record<Lang, string> = { nl: '# Nederlands', en: '# English' };
const SECTION_HEADINGS: Record<Lang, Record<BodyField, string>> = {
  nl: { situation: '## Situatie', action: '## Wat is er gedaan', consequence: '## Gevolg', hindsight: '## Achteraf' },
  en: { situation: '## Situation', action: '## What was done', consequence: '## Consequence', hindsight: '## In hindsight' },
};
const LANGS: readonly Lang[] = ['nl', 'en'];

type Heading = { lang: Lang; field?: BodyField };
const HEADINGS = new Map<string, Heading>();
for (const lang of LANGS) {
  HEADINGS.set(LANGUAGE_HEADINGS[lang], { lang });
  for (const field of BODY_FIELDS) HEADINGS.set(SECTION_HEADINGS[lang][field], { lang, field });
}

/** The heading a line is, if it is one of ours (trailing spaces ignored, as a person may leave them). */
function headingOf(line: string): Heading | undefined {
  return HEADINGS.get(line.replace(/[ \t]+$/, ''));
}

/** Control characters other than tab and newline, line/paragraph separators and lone surrogates. */
const NOT_IN_BODY = /[^\P{Cc}\t\n]|\p{Cs}|[\u2028\u2029]/u;

/**
 * [LB-3] Whether a text can stand in the body exactly as it is: none of its lines reads as one of
 * our headings, and it has no character an editor could change unseen (a carriage return, another
 * control character, a line separator). Otherwise it goes in the front matter, where YAML quotes it.
 */
function fitsInBody(text: string): boolean {
  return !NOT_IN_BODY.test(text) && !text.split('\n').some((line) => headingOf(line) !== undefined);
}

/** [LB-2][LB-3] One case as Markdown: structured and short fields in front matter, the prose below. */
export function caseToMarkdown(c: Case): string {
  const overflow: Partial<Record<BodyField, LocalizedText>> = {};
  const body: string[] = [];
  for (const lang of LANGS) {
    const sections: string[] = [];
    for (const field of BODY_FIELDS) {
      const text = c[field]?.[lang];
      if (text === undefined) continue;
      if (fitsInBody(text)) sections.push(`${SECTION_HEADINGS[lang][field]}\n\n${text}\n`);
      else overflow[field] = { ...overflow[field], [lang]: text };
    }
    if (sections.length > 0) body.push(`${LANGUAGE_HEADINGS[lang]}\n`, ...sections);
  }
  const front = Object.fromEntries(
    Object.entries({
      id: c.id,
      status: c.status,
      title: c.title,
      hornA: c.hornA,
      hornB: c.hornB,
      criterion: c.criterion,
      publicityTest: c.publicityTest,
      themes: c.themes,
      targetGroups: c.targetGroups,
      prompts: c.prompts,
      source: c.source,
      sourceMeetingId: c.sourceMeetingId,
      consent: c.consent,
      anonymisation: c.anonymisation,
      ...overflow,
    }).filter(([, value]) => value !== undefined),
  );
  const doc = new Document(front);
  for (const key of ['themes', 'targetGroups']) {
    const node = doc.get(key, true);
    if (isSeq(node)) node.flow = true;
  }
  // No folding of any kind: yaml 2.9 folds some texts so that they read back changed (a line of one
  // space in a multi-line double-quoted string comes back as a backslash; a folded `>` block loses or
  // adds a newline around a more-indented line). So long lines stay long, a multi-line text is a
  // literal `|` block, and a double-quoted string stays on one line with `\n` escapes.
  const yaml = doc.toString({ lineWidth: 0, doubleQuotedMinMultiLineLength: Number.POSITIVE_INFINITY, flowCollectionPadding: false });
  // Never hand out a file that reads back differently, should the YAML library have another such gap.
  if (!isDeepStrictEqual(parseYaml(yaml), JSON.parse(JSON.stringify(front)))) throw new Error(`case ${c.id}: the front matter does not read back as written`);
  return `---\n${yaml}---\n${body.map((part) => `\n${part}`).join('')}`;
}

/** Splits a file into its front matter (parsed) and the lines of its body. */
function splitFile(text: string, fail: (reason: string) => never): { front: Record<string, unknown>; body: string[] } {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').split('\n');
  if (lines[0]?.trimEnd() !== '---') fail('the file does not start with front matter (a line "---")');
  const end = lines.findIndex((line, i) => i > 0 && line.trimEnd() === '---');
  if (end < 0) fail('the front matter has no closing line "---"');
  let front: unknown;
  try {
    front = parseYaml(lines.slice(1, end).join('\n'));
  } catch (error) {
    fail(`the front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  front ??= {};
  if (typeof front !== 'object' || Array.isArray(front)) fail('the front matter is not a list of fields ("name: value")');
  return { front: front as Record<string, unknown>, body: lines.slice(end + 1) };
}

/** The body's sections, as text per field and language; an empty section counts as absent. */
function readBody(body: readonly string[], fail: (reason: string) => never): Partial<Record<BodyField, Partial<Record<Lang, string>>>> {
  const found: Partial<Record<BodyField, Partial<Record<Lang, string>>>> = {};
  let language: Lang | undefined;
  let current: { field: BodyField; lang: Lang; lines: string[] } | undefined;
  const seen = new Set<string>();
  const close = () => {
    const text = current?.lines.join('\n').trim();
    if (current && text) found[current.field] = { ...found[current.field], [current.lang]: text };
  };
  body.forEach((line, i) => {
    const heading = headingOf(line);
    if (heading === undefined) {
      if (current) current.lines.push(line);
      else if (line.trim() !== '') fail(`line ${i + 1} of the text is not under a section heading such as "${SECTION_HEADINGS.nl.situation}"`);
      return;
    }
    close();
    current = undefined;
    if (heading.field === undefined) {
      language = heading.lang;
      return;
    }
    if (language !== undefined && language !== heading.lang) fail(`"${line.trim()}" is under "${LANGUAGE_HEADINGS[language]}"`);
    const key = `${heading.field}.${heading.lang}`;
    if (seen.has(key)) fail(`the section "${line.trim()}" appears twice`);
    seen.add(key);
    current = { field: heading.field, lang: heading.lang, lines: [] };
  });
  close();
  return found;
}

/**
 * [LB-2][LB-3][LB-7] Reads one case from its Markdown file. Throws a `CaseFileError` with a plain
 * reason when the file is not a valid case. Without an `id` in the front matter, the file name
 * (without `.md`) is the id.
 */
export function caseFromMarkdown(text: string, fileName?: string): Case {
  let id: string | undefined;
  const fail: (reason: string) => never = (reason) => {
    throw new CaseFileError(reason, id, fileName);
  };
  const { front, body } = splitFile(text, fail);
  id = rawId(front);
  if (front.id === undefined && fileName !== undefined) {
    id = fileName.replace(/^.*[\\/]/, '').replace(/\.md$/i, '');
    front.id = id;
  }
  const sections = readBody(body, fail);
  for (const field of BODY_FIELDS) {
    const fromBody = sections[field];
    if (fromBody === undefined) continue;
    const fromFront = front[field];
    if (fromFront === undefined) {
      front[field] = fromBody;
      continue;
    }
    if (fromFront === null || typeof fromFront !== 'object' || Array.isArray(fromFront)) fail(`${field} in the front matter must have the fields nl and/or en`);
    for (const lang of LANGS) {
      if (fromBody[lang] !== undefined && (fromFront as Record<string, unknown>)[lang] !== undefined) fail(`${field}.${lang} is both in the front matter and in the text`);
    }
    front[field] = { ...(fromFront as object), ...fromBody };
  }
  const parsed = Case.safeParse(front);
  if (!parsed.success) fail(describe(parsed.error));
  return parsed.data;
}

/** [LB-2] The library as Markdown files, one per case, named `<id>.md`. */
export function libraryToMarkdownFiles(cases: readonly Case[]): { name: string; content: string }[] {
  return cases.map((c) => ({ name: `${c.id}.md`, content: caseToMarkdown(c) }));
}

/** [LB-4][LB-5] Reads Markdown case files; a file that is not a valid case is reported, the others are read. */
export function libraryFromMarkdownFiles(files: readonly { readonly name: string; readonly content: string }[]): LibraryImport {
  const entries = files.map(({ name, content }, index): Entry => {
    try {
      return { index, file: name, case: caseFromMarkdown(content, name) };
    } catch (error) {
      if (!(error instanceof CaseFileError)) throw error;
      return { index, file: name, ...(error.id === undefined ? {} : { id: error.id }), reason: error.reason };
    }
  });
  return collect(entries);
}
