/**
 * Benchmark: the report of a 15-person meeting (the demo meeting of 23 January 2014 as held),
 * rendered to Markdown and HTML, and printed to PDF by the bundled Chromium. Reports medians,
 * and the Markdown/HTML time as a ratio to a floor measured in the same run (serialising the
 * meeting's state as JSON), so the ratio holds on any machine. Not a test: it never fails on a
 * slow machine. Run with `npm run bench:report`.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { markdownToDocx, markdownToOdt, PdfPrinter } from '@goedwerk/export';
import { buildReportModel, draftDocument, renderHtml, renderMarkdown } from '@goedwerk/report';
import { parse } from 'yaml';
import { loadContent } from '../packages/server/src/content.ts';
import { HELD_MEETING_FILE, heldMeetingLog } from '../packages/server/src/held-meeting.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function time<T>(runs: number, task: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const samples: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await task();
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), result };
}

const content = await loadContent();
const method = content.methods.get('goed-werk-hub');
if (!method) throw new Error('method goed-werk-hub missing');
const { state } = heldMeetingLog(parse(await readFile(HELD_MEETING_FILE, 'utf8')), method);
const programme = content.programmes.find((p) => p.programme.id === state.spec.programmeId)?.programme ?? null;
const participants = Object.keys(state.participants).length;
const input = { state, cases: content.cases, programme };

// Warm up the JIT the same way for every measurement.
for (let i = 0; i < 20; i++) renderHtml(draftDocument(state.id, buildReportModel(input)));

const floor = await time(50, () => JSON.stringify(state).length);
const markdown = await time(50, () => renderMarkdown(draftDocument(state.id, buildReportModel(input))));
const html = await time(50, () => renderHtml(draftDocument(state.id, buildReportModel(input))));
const both = await time(50, () => {
  const doc = draftDocument(state.id, buildReportModel(input));
  return renderMarkdown(doc).length + renderHtml(doc).length;
});

const printer = new PdfPrinter({ concurrency: 1 });
const page = renderHtml(draftDocument(state.id, buildReportModel(input)));
const pdfCold = await time(1, () => printer.print(page));
const pdf = await time(5, () => printer.print(page));
await printer.close();
const md = markdown.result;
const docxCold = await time(1, () => markdownToDocx(md, 'nl', state.spec.title.nl));
const docx = await time(3, () => markdownToDocx(md, 'nl', state.spec.title.nl));
const odt = await time(3, () => markdownToOdt(md, 'nl', state.spec.title.nl));

const rows: [string, number, string][] = [
  ['floor: meeting state as JSON', floor.ms, ''],
  ['Markdown (model + document + render)', markdown.ms, `${(markdown.ms / floor.ms).toFixed(1)}× floor`],
  ['HTML (model + document + render)', html.ms, `${(html.ms / floor.ms).toFixed(1)}× floor`],
  ['Markdown and HTML', both.ms, `${(both.ms / floor.ms).toFixed(1)}× floor; goal ≤ 100 ms`],
  ['PDF, first (starts Chromium)', pdfCold.ms, ''],
  ['PDF, Chromium running', pdf.ms, 'goal ≤ 3000 ms'],
  ['DOCX, first (loads pandoc)', docxCold.ms, ''],
  ['DOCX', docx.ms, ''],
  ['ODT', odt.ms, ''],
];
console.log(`\nReport of a ${participants}-person meeting (${md.length} characters of Markdown, ${pdf.result.byteLength} bytes of PDF)\n`);
console.log('| measurement | median ms | note |\n| --- | ---: | --- |');
for (const [name, ms, note] of rows) console.log(`| ${name} | ${ms.toFixed(2)} | ${note} |`);
console.log('');
for (const [name, ms] of rows) console.log(JSON.stringify({ bench: 'report', measurement: name, medianMs: Number(ms.toFixed(3)), participants }));
console.log(`FIGURE report_participants=${participants}`);
console.log(`FIGURE report_render_ms=${both.ms.toFixed(1)}`);
console.log(`FIGURE report_render_ratio_to_floor=${(both.ms / floor.ms).toFixed(1)}`);
console.log(`FIGURE report_pdf_ms=${pdf.ms.toFixed(0)}`);
console.log(`FIGURE report_pdf_cold_ms=${pdfCold.ms.toFixed(0)}`);
console.log(`FIGURE report_docx_ms=${docx.ms.toFixed(0)}`);
console.log(`FIGURE report_odt_ms=${odt.ms.toFixed(0)}`);
