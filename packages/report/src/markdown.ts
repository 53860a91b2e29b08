import type { DocumentSection, ReportDocument } from './document.ts';
import type { Block, Chart } from './model.ts';
import { WORDS } from './words.ts';

/** Escapes text so that Markdown shows it as typed, never as markup or HTML. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/([\\`*_[\]<>|~&])/g, '\\$1')
    .replace(/^(\s*)(\d+)([.)])/, '$1$2\\$3')
    .replace(/^(\s*)([-=+#])/, '$1\\$2');
}

const CHART_LINE = /^\[\[chart:([a-z0-9-]{1,100})\]\]$/;

/** The line that places a chart in a section's Markdown. */
export const chartLine = (id: string) => `[[chart:${id}]]`;

/** The id of the chart a line places, if it is such a line. */
export function chartIdOf(line: string): string | null {
  return CHART_LINE.exec(line.trim())?.[1] ?? null;
}

/** Generated blocks as the Markdown the rapporteur edits. */
export function blocksToMarkdown(blocks: readonly Block[], depth = 3): string {
  const e = escapeMarkdown;
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'paragraph':
        out.push(e(block.text));
        break;
      case 'labelled':
        out.push(block.text ? `**${e(block.label)}.** ${e(block.text)}` : `**${e(block.label)}**`);
        break;
      case 'heading':
        out.push(`${'#'.repeat(depth)} ${e(block.text)}`);
        break;
      case 'list':
        out.push(block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${e(item)}`).join('\n'));
        break;
      case 'subsection': {
        out.push(`${'#'.repeat(depth)} *${block.number} ${e(block.title)}*`);
        const body = blocksToMarkdown(block.blocks, depth + 1);
        if (body) out.push(body);
        break;
      }
      case 'chart':
        out.push(chartLine(block.chartId));
        break;
      case 'table':
        out.push(markdownTable(block.header, block.rows));
        break;
      default: {
        const unreachable: never = block;
        throw new Error(`unknown block ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return out.join('\n\n');
}

function cell(text: string): string {
  return escapeMarkdown(text) || ' ';
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[\d\s.,%()–-]*$/.test(r[i] ?? '')));
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${header.map((_, i) => cell(r[i] ?? '')).join(' | ')} |`),
  ].join('\n');
}

/** A chart in plain Markdown: its caption and a table of the counts. */
export function chartMarkdown(chart: Chart, lang: ReportDocument['lang']): string {
  const w = WORDS[lang];
  return `*${escapeMarkdown(chart.caption)}* (${w.chartTotal(chart.total)})\n\n${markdownTable([w.option, w.count], chart.bars.map((b) => [b.label, String(b.count)]))}`;
}

export interface RenderOptions {
  /** Marks the document as a draft: not approved yet, or the meeting still running. */
  readonly draft?: 'not_approved' | 'running' | null;
}

/** Whether a document is a draft for exports, and why. */
export function draftReason(doc: ReportDocument, meetingRunning: boolean): RenderOptions['draft'] {
  if (meetingRunning) return 'running';
  return doc.status === 'approved' || doc.status === 'published' ? null : 'not_approved';
}

/** The sections in the order they appear, with the credits placed before the programme. */
export function orderedSections(doc: ReportDocument): { sections: DocumentSection[]; creditsAt: number } {
  const sections = doc.sections.filter((s) => s.included);
  const programmeAt = sections.findIndex((s) => s.kind === 'programme');
  return { sections, creditsAt: programmeAt < 0 ? sections.length : programmeAt };
}

/** Renders the whole report as Markdown, in the structure of the seed report. */
export function renderMarkdown(doc: ReportDocument, options: RenderOptions = {}): string {
  const w = WORDS[doc.lang];
  const e = escapeMarkdown;
  const tb = doc.titleBlock;
  const out: string[] = [`*${e(tb.documentKind)}*`, `# ${e(tb.title)}`];
  if (options.draft) out.push(`> **${options.draft === 'running' ? w.draftRunning : w.draftMark}**`);
  if (tb.subtitle) out.push(`*${e(tb.subtitle)}*`);
  if (tb.date) out.push(`**${w.date}** ${e(tb.date)}`);
  if (tb.location) out.push(`**${w.location}** ${e(tb.location)}`);
  const { sections, creditsAt } = orderedSections(doc);
  sections.forEach((section, i) => {
    if (i === creditsAt) out.push(...creditsMarkdown(doc));
    if (section.kind === 'programme') out.push('---');
    if (section.title) out.push(`## ${e(section.title)}`);
    const body = section.markdown
      .split('\n')
      .map((line) => {
        const id = chartIdOf(line);
        const chart = id ? doc.charts[id] : undefined;
        return id ? (chart ? chartMarkdown(chart, doc.lang) : '') : line;
      })
      .join('\n')
      .trim();
    if (body) out.push(body);
  });
  if (creditsAt === sections.length) out.push(...creditsMarkdown(doc));
  return `${out.join('\n\n').trimEnd()}\n`;
}

function creditsMarkdown(doc: ReportDocument): string[] {
  const w = WORDS[doc.lang];
  const out: string[] = [];
  if (doc.rapporteur) out.push(`## ${w.writtenBy(escapeMarkdown(doc.rapporteur))}`);
  if (doc.editor) out.push(`**${w.editedBy(escapeMarkdown(doc.editor))}**`);
  return out;
}
