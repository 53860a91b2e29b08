import { Marked, type Tokens } from 'marked';
import type { ReportDocument } from './document.ts';
import { chartIdOf, orderedSections, type RenderOptions } from './markdown.ts';
import type { Chart } from './model.ts';
import { WORDS } from './words.ts';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const SAFE_URL = /^(https?:|mailto:)/i;

/**
 * Markdown to HTML for text the rapporteur typed: HTML in it is shown as text, links only
 * to web and mail addresses, no images from elsewhere (their alt text instead).
 */
const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link) {
      const text = this.parser.parseInline(tokens);
      if (!SAFE_URL.test(href)) return text;
      return `<a href="${escapeHtml(href)}"${title ? ` title="${escapeHtml(title)}"` : ''}>${text}</a>`;
    },
    image({ text }: Tokens.Image) {
      return escapeHtml(text);
    },
    table(token: Tokens.Table) {
      const head = `<tr>${token.header.map((c) => `<th scope="col"${c.align ? ` class="align-${c.align}"` : ''}>${this.parser.parseInline(c.tokens)}</th>`).join('')}</tr>`;
      const body = token.rows
        .map((row) => `<tr>${row.map((c) => `<td${c.align ? ` class="align-${c.align}"` : ''}>${this.parser.parseInline(c.tokens)}</td>`).join('')}</tr>`)
        .join('\n');
      return `<table>\n<thead>${head}</thead>\n<tbody>${body}</tbody>\n</table>\n`;
    },
  },
});

export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

/** A distribution as an SVG bar chart with its figures in a table: the chart for the eye, the table for everyone. */
export function chartHtml(chart: Chart, lang: ReportDocument['lang']): string {
  const w = WORDS[lang];
  const max = Math.max(1, ...chart.bars.map((b) => b.count));
  const rowHeight = 28;
  const height = chart.bars.length * rowHeight + 8;
  const labelWidth = 220;
  const barSpace = 340;
  const captionId = `${chart.id}-caption`;
  const short = (s: string) => (s.length > 34 ? `${s.slice(0, 33)}…` : s);
  const bars = chart.bars
    .map((b, i) => {
      const y = 4 + i * rowHeight;
      const width = Math.round((barSpace * b.count) / max);
      return [
        `<text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end" font-size="14" fill="#1a1a1a">${escapeHtml(short(b.label))}</text>`,
        `<rect x="${labelWidth}" y="${y + 4}" width="${Math.max(width, 1)}" height="18" fill="#154273"></rect>`,
        `<text x="${labelWidth + Math.max(width, 1) + 6}" y="${y + 18}" font-size="14" fill="#1a1a1a">${b.count}</text>`,
      ].join('');
    })
    .join('');
  const rows = chart.bars.map((b) => `<tr><th scope="row">${escapeHtml(b.label)}</th><td class="align-right">${b.count}</td></tr>`).join('');
  return [
    `<figure class="chart">`,
    `<figcaption id="${captionId}">${escapeHtml(chart.caption)} (${escapeHtml(w.chartTotal(chart.total))})</figcaption>`,
    `<svg role="img" aria-labelledby="${captionId}" viewBox="0 0 ${labelWidth + barSpace + 40} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg" font-family="Arial, Helvetica, sans-serif">${bars}</svg>`,
    `<table class="chart-table"><thead><tr><th scope="col">${escapeHtml(w.option)}</th><th scope="col">${escapeHtml(w.count)}</th></tr></thead><tbody>${rows}</tbody></table>`,
    `</figure>`,
  ].join('\n');
}

/** A section's Markdown as HTML, with its chart lines replaced by charts. */
function sectionBodyHtml(markdown: string, doc: ReportDocument): string {
  const parts: string[] = [];
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.join('').trim()) parts.push(markdownToHtml(chunk.join('\n')));
    chunk = [];
  };
  for (const line of markdown.split('\n')) {
    const id = chartIdOf(line);
    if (id === null) {
      chunk.push(line);
      continue;
    }
    flush();
    const chart = doc.charts[id];
    if (chart) parts.push(chartHtml(chart, doc.lang));
  }
  flush();
  return parts.join('\n');
}

/** The report as an HTML fragment (an <article>), for the preview and inside the full page. */
export function renderHtmlBody(doc: ReportDocument, options: RenderOptions = {}): string {
  const w = WORDS[doc.lang];
  const tb = doc.titleBlock;
  const out: string[] = ['<article class="report">', '<header>', `<p class="kind">${escapeHtml(tb.documentKind)}</p>`, `<h1>${escapeHtml(tb.title)}</h1>`];
  if (options.draft) out.push(`<p class="draft-mark" role="note"><strong>${escapeHtml(options.draft === 'running' ? w.draftRunning : w.draftMark)}</strong></p>`);
  if (tb.subtitle) out.push(`<p class="subtitle"><em>${escapeHtml(tb.subtitle)}</em></p>`);
  const facts: string[] = [];
  if (tb.date) facts.push(`<dt>${escapeHtml(w.date)}</dt><dd>${escapeHtml(tb.date)}</dd>`);
  if (tb.location) facts.push(`<dt>${escapeHtml(w.location)}</dt><dd>${escapeHtml(tb.location)}</dd>`);
  if (facts.length > 0) out.push(`<dl class="facts">${facts.join('')}</dl>`);
  out.push('</header>');
  const { sections, creditsAt } = orderedSections(doc);
  const credits = () => {
    if (!doc.rapporteur && !doc.editor) return;
    out.push('<footer class="credits">');
    if (doc.rapporteur) out.push(`<h2>${escapeHtml(w.writtenBy(doc.rapporteur))}</h2>`);
    if (doc.editor) out.push(`<p><strong>${escapeHtml(w.editedBy(doc.editor))}</strong></p>`);
    out.push('</footer>');
  };
  sections.forEach((section, i) => {
    if (i === creditsAt) credits();
    const headingId = `s-${section.id}`;
    out.push(section.title ? `<section class="section-${section.kind}" aria-labelledby="${headingId}">` : `<section class="section-${section.kind}">`);
    if (section.kind === 'programme') out.push('<hr>');
    if (section.title) out.push(`<h2 id="${headingId}">${escapeHtml(section.title)}</h2>`);
    out.push(sectionBodyHtml(section.markdown, doc), '</section>');
  });
  if (creditsAt === sections.length) credits();
  out.push('</article>');
  return out.join('\n');
}

const STYLE = `
:root { color: #1a1a1a; background: #fff; font-family: "Segoe UI", Arial, Helvetica, sans-serif; line-height: 1.5; }
body { margin: 0; }
.report { max-width: 44rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
.kind { font-style: italic; margin: 0; color: #4a4a4a; }
h1 { font-size: 2rem; margin: 0.25rem 0 0.5rem; color: #154273; }
h2 { font-size: 1.4rem; margin: 2rem 0 0.5rem; color: #154273; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 0.4rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; }
.draft-mark { border: 2px solid #8b4a00; color: #5c3100; padding: 0.5rem 0.75rem; }
table { border-collapse: collapse; margin: 0.75rem 0; }
th, td { border: 1px solid #8a8a8a; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
.align-right { text-align: right; }
figure.chart { margin: 1rem 0; break-inside: avoid; }
figcaption { font-weight: bold; }
.credits { margin-top: 2.5rem; }
hr { border: 0; border-top: 1px solid #8a8a8a; margin: 2rem 0 1rem; }
@media print { .report { padding: 0; max-width: none; } a { color: inherit; } }
`;

/** The report as a standalone, accessible HTML page: language set, headings, lists, tables with header cells. */
export function renderHtml(doc: ReportDocument, options: RenderOptions = {}): string {
  const tb = doc.titleBlock;
  return [
    '<!doctype html>',
    `<html lang="${doc.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${tb.documentKind}: ${tb.title}`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<main>${renderHtmlBody(doc, options)}</main>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
