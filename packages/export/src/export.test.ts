import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { docxOrOdtToPlainText, loadPandoc, markdownToDocx, markdownToOdt, packageParts } from './pandoc.ts';
import { readPdf, structureElements } from './pdf-text.ts';
import { htmlToPdf, PdfPrinter } from './pdf.ts';

// One pandoc load and one browser for the whole file: both are slow to start.

const REPORT_MD = `# Verslag bijeenkomst

## *Professionaliteit en moraliteit*

**Datum** 23 januari 2014\\
**Locatie** Goed Werk Hub, Utrecht

De centrale vragen waren:

1. Wat is goed werk in het openbaar bestuur?
2. Hoe ga je om met botsende verantwoordelijkheden?

## Het in kaart brengen van verantwoordelijkheden

De deelnemers noemden hun vak, hun leidinggevende en de burger. Over één ding was men het eens: het idee van goed werk is geëngageerd en niet vrijblijvend.

| Verantwoordelijkheid | Keer genoemd |
|---|---|
| Het vak | 7 |
| De leidinggevende | 5 |
| De burger | 9 |

## Dilemma’s uit de praktijk

### *I Rapport in de la*

Een onderzoeksrapport werd op verzoek van de wethouder niet gepubliceerd. Na afloop kwam het toch in het café ter sprake.

### *II Een reorganisatie verdedigen*

Een leidinggevende moest een besluit uitleggen waar zij zelf niet achter stond.
`;

/** The headings of REPORT_MD, with their levels. */
const HEADINGS: [number, string][] = [
  [1, 'Verslag bijeenkomst'],
  [2, 'Professionaliteit en moraliteit'],
  [2, 'Het in kaart brengen van verantwoordelijkheden'],
  [2, 'Dilemma’s uit de praktijk'],
  [3, 'I Rapport in de la'],
  [3, 'II Een reorganisatie verdedigen'],
];

/** Text of REPORT_MD in reading order: headings, paragraphs, list items, table cells. */
const IN_ORDER = [
  'Verslag bijeenkomst',
  'Professionaliteit en moraliteit',
  'Datum 23 januari 2014',
  'Locatie Goed Werk Hub, Utrecht',
  'De centrale vragen waren:',
  'Wat is goed werk in het openbaar bestuur?',
  'Hoe ga je om met botsende verantwoordelijkheden?',
  'Het in kaart brengen van verantwoordelijkheden',
  'Over één ding was men het eens: het idee van goed werk is geëngageerd en niet vrijblijvend.',
  'Verantwoordelijkheid',
  'Keer genoemd',
  'De leidinggevende',
  'De burger',
  'Dilemma’s uit de praktijk',
  'I Rapport in de la',
  'Na afloop kwam het toch in het café ter sprake.',
  'II Een reorganisatie verdedigen',
  'Een leidinggevende moest een besluit uitleggen waar zij zelf niet achter stond.',
];

// The second h2 is long enough to wrap on A4: Chromium would drop the space at the wrap from its
// bookmark (see pdf.ts). The h3 has the whitespace of hand-indented HTML.
const REPORT_HTML = `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Verslag bijeenkomst: Professionaliteit en moraliteit</title>
<style>body { font-family: sans-serif; } th { text-align: left; }</style>
</head>
<body>
<h1>Verslag bijeenkomst</h1>
<h2><em>Professionaliteit en moraliteit</em></h2>
<p><strong>Datum</strong> 23 januari 2014</p>
<ol><li>Wat is goed werk in het openbaar bestuur?</li><li>Hoe ga je om met botsende verantwoordelijkheden?</li></ol>
<h2>Het in kaart brengen van verantwoordelijkheden</h2>
<p>Over één ding was men het eens: het idee van goed werk is geëngageerd.</p>
<table>
<thead><tr><th scope="col">Verantwoordelijkheid</th><th scope="col">Keer genoemd</th></tr></thead>
<tbody><tr><td>Het vak</td><td>7</td></tr><tr><td>De burger</td><td>9</td></tr></tbody>
</table>
<figure>
<svg role="img" aria-labelledby="fig1-title" width="240" height="120" viewBox="0 0 240 120">
<title id="fig1-title">Staafdiagram: het vak 7, de burger 9</title>
<rect x="10" y="50" width="80" height="70" fill="#2b5797"/><rect x="120" y="30" width="80" height="90" fill="#2b5797"/>
</svg>
<figcaption>Figuur 1. Hoe vaak elke verantwoordelijkheid genoemd werd</figcaption>
</figure>
<h2>Dilemma’s uit de praktijk</h2>
<h3>
  <em> I Rapport in de la</em>
</h3>
<p>Na afloop kwam het toch in het café ter sprake.</p>
</body>
</html>`;

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '');
}

/** Asserts that every fragment occurs in `text`, each after the one before. */
function assertInOrder(text: string, fragments: string[], what: string) {
  let from = 0;
  for (const fragment of fragments) {
    const at = text.indexOf(fragment, from);
    assert.ok(at >= 0, `${what}: "${fragment}" after position ${from} in:\n${text}`);
    from = at + fragment.length;
  }
}

/** Headings of a DOCX's word/document.xml: paragraphs in the style HeadingN, with their text. */
function docxHeadings(documentXml: string): [number, string][] {
  return [...documentXml.matchAll(/<w:p>((?:(?!<\/w:p>).)*)<\/w:p>/gs)].flatMap(([, p]) => {
    const level = /<w:pStyle w:val="Heading(\d)"\s*\/>/.exec(p ?? '')?.[1];
    if (!level) return [];
    const text = [...(p ?? '').matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    return [[Number(level), decodeXml(text)] as [number, string]];
  });
}

/** The attributes of an XML start tag's source, such as `a="1" b="2"`, by name. */
function attributes(source: string): Record<string, string> {
  return Object.fromEntries([...source.matchAll(/([\w:.-]+)="([^"]*)"/g)].map(([, name, value]) => [name, decodeXml(value ?? '')]));
}

/** The attributes of every start tag `<name …>` in the XML, in document order. */
function startTags(xml: string, name: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<${name}(\\s[^>]*)?>`, 'g'))].map((m) => attributes(m[1] ?? ''));
}

/** Headings of an ODT's content.xml: `text:h` elements in the style Heading_20_N, with their text. */
function odtHeadings(contentXml: string): [number, string][] {
  return [...contentXml.matchAll(/<text:h(\s[^>]*)>(.*?)<\/text:h>/gs)].map(([, source, inner]) => {
    const attrs = attributes(source ?? '');
    const level = attrs['text:outline-level'];
    assert.equal(attrs['text:style-name'], `Heading_20_${level}`, 'the heading style and the outline level agree');
    return [Number(level), decodeXml((inner ?? '').replace(/<[^>]*>/g, ''))];
  });
}

function ms(since: number): string {
  return `${Math.round(performance.now() - since)} ms`;
}

let docx: Uint8Array;
let odt: Uint8Array;
let browser: Browser | undefined;
let launches = 0;
// The printer owns the file's one browser; htmlToPdf borrows it.
const printer = new PdfPrinter({
  concurrency: 2,
  launch: async () => {
    launches++;
    const started = performance.now();
    browser = await launchChromium();
    console.log(`chromium launch: ${ms(started)}`);
    return browser;
  },
});

before(async () => {
  let started = performance.now();
  await loadPandoc();
  console.log(`pandoc load: ${ms(started)}`);
  started = performance.now();
  docx = await markdownToDocx(REPORT_MD, 'nl', 'Verslag bijeenkomst: Professionaliteit en moraliteit');
  console.log(`docx (first conversion): ${ms(started)}, ${docx.length} bytes`);
  started = performance.now();
  odt = await markdownToOdt(REPORT_MD, 'nl', 'Verslag bijeenkomst: Professionaliteit en moraliteit');
  console.log(`odt: ${ms(started)}, ${odt.length} bytes`);
});

after(async () => {
  await printer.close();
});

test('[RX-1] DOCX and ODT read back with the report’s headings, paragraphs, list items and table cells in order', async () => {
  const started = performance.now();
  const docxText = await docxOrOdtToPlainText(docx, 'docx');
  const odtText = await docxOrOdtToPlainText(odt, 'odt');
  console.log(`read back docx and odt as plain text: ${ms(started)}`);
  assertInOrder(docxText, IN_ORDER, 'DOCX');
  assertInOrder(odtText, IN_ORDER, 'ODT');
  for (const text of [docxText, odtText]) {
    assert.match(text, /1\.\s+Wat is goed werk/, 'the list is numbered');
    assert.doesNotMatch(text, /[*#|]/, 'no Markdown syntax is left in the text');
  }
});

test('[RX-2] headings use the formats’ own heading styles at their level, and pipe tables are tables with a header row', async () => {
  const d = await packageParts(docx);
  const documentXml = d.get('word/document.xml') ?? '';
  assert.deepEqual(docxHeadings(documentXml), HEADINGS);
  const styles = d.get('word/styles.xml') ?? '';
  for (const level of [1, 2, 3]) {
    // The built-in name is what makes Word treat it as a heading (shown as "Kop 1" in Dutch Word).
    const style = new RegExp(`<w:style\\s[^>]*w:styleId="Heading${level}"[^>]*>(.*?)</w:style>`, 's').exec(styles)?.[1] ?? '';
    assert.match(style, new RegExp(`<w:name w:val="heading ${level}"`), `Heading${level} is Word's heading ${level}`);
    assert.match(style, new RegExp(`<w:outlineLvl w:val="${level - 1}"`), `Heading${level} is at outline level ${level}`);
  }
  assert.equal([...documentXml.matchAll(/<w:tbl>/g)].length, 1, 'one table');
  assert.match(documentXml, /<w:tbl>.*?<w:tr><w:trPr><w:tblHeader w:val="on" \/><\/w:trPr>.*?Verantwoordelijkheid/s, 'its first row repeats as a header row');

  const o = await packageParts(odt);
  const contentXml = o.get('content.xml') ?? '';
  assert.deepEqual(odtHeadings(contentXml), HEADINGS);
  const odtStyles = startTags(o.get('styles.xml') ?? '', 'style:style');
  for (const level of [1, 2, 3]) {
    const style = odtStyles.find((a) => a['style:name'] === `Heading_20_${level}`);
    assert.equal(style?.['style:display-name'], `Heading ${level}`);
    assert.equal(style?.['style:default-outline-level'], String(level));
  }
  assert.equal([...contentXml.matchAll(/<table:table /g)].length, 1, 'one table');
  assert.match(contentXml, /<table:table-header-rows>.*?Verantwoordelijkheid.*?<\/table:table-header-rows>/s);
  assert.match(contentXml, /<text:list-item>\s*<text:p [^>]*>Wat is goed werk/, 'the numbered list is a list');
});

test('[RX-3] the language is set (nl-NL, en-GB) and the title is in the document properties only', async () => {
  const title = 'Verslag bijeenkomst: Professionaliteit en moraliteit';
  const d = await packageParts(docx);
  assert.deepEqual(
    startTags(d.get('word/styles.xml') ?? '', 'w:lang').map((a) => a['w:val']),
    ['nl-NL'],
    'the default language of the document',
  );
  assert.match(d.get('docProps/core.xml') ?? '', new RegExp(`<dc:title>${title}</dc:title>`));
  assert.match(d.get('docProps/core.xml') ?? '', /<dc:language>nl-NL<\/dc:language>/);
  assert.doesNotMatch(d.get('word/document.xml') ?? '', /w:val="Title"/, 'no Title paragraph repeats the first heading');

  const o = await packageParts(odt);
  const languages = startTags(o.get('styles.xml') ?? '', 'style:text-properties').filter((a) => a['fo:language']);
  assert.ok(languages.length > 0 && languages.every((a) => a['fo:language'] === 'nl'), 'Dutch everywhere a language is set');
  assert.ok(languages.some((a) => a['fo:country'] === 'NL'), 'in the Netherlands');
  assert.match(o.get('meta.xml') ?? '', new RegExp(`<dc:title>${title}</dc:title>`));
  assert.match(o.get('meta.xml') ?? '', /<dc:language>nl-NL<\/dc:language>/);
  assert.doesNotMatch(o.get('content.xml') ?? '', /text:style-name="Title"/, 'no Title paragraph repeats the first heading');
  assert.ok(o.get('mimetype')?.startsWith('application/vnd.oasis.opendocument.text'), 'still a valid ODT package');

  const started = performance.now();
  const english = await packageParts(await markdownToDocx('# Meeting report\n\nText.\n', 'en'));
  console.log(`docx (small, English): ${ms(started)}`);
  assert.deepEqual(
    startTags(english.get('word/styles.xml') ?? '', 'w:lang').map((a) => a['w:val']),
    ['en-GB'],
  );
  assert.match(english.get('docProps/core.xml') ?? '', /<dc:title><\/dc:title>|<dc:title \/>/, 'no title given, none set');
});

test('[RX-4] the Markdown is read as GitHub-flavoured Markdown, like the HTML export: tables, strikethrough, task lists, links; no math, emoji, footnotes or smart typography', async () => {
  const markdown = [
    'Zo -- "precies" ... getypt, $5 en $x$ en :smile: en noot[^1] en ~~weg~~ en www.example.org.',
    '',
    '- [x] gedaan',
    '- [ ] open',
    '',
    '[^1]: geen voetnoot',
    '',
  ].join('\n');
  const bytes = await markdownToDocx(markdown, 'nl');
  const docxParts = await packageParts(bytes);
  const documentXml = docxParts.get('word/document.xml') ?? '';
  const text = await docxOrOdtToPlainText(bytes, 'docx');
  assert.match(text, /Zo -- "precies" \.\.\. getypt, \$5 en \$x\$ en :smile: en noot\[\^1\] en/, 'text as typed: no smart quotes, math, emoji or footnote');
  assert.doesNotMatch(documentXml, /<m:oMath/, 'no math');
  assert.doesNotMatch(documentXml, /footnoteReference/, 'no footnote');
  assert.match(documentXml, /<w:strike \/>.*?weg/s, 'strikethrough');
  assert.match(docxParts.get('word/_rels/document.xml.rels') ?? '', /Target="http:\/\/www\.example\.org"/, 'a bare web address is a link');
  assert.match(text, /- ☒ gedaan\n- ☐ open/, 'a task list');
  const odtXml = (await packageParts(await markdownToOdt(markdown, 'nl'))).get('content.xml') ?? '';
  assert.match(odtXml, /\$x\$ en :smile: en noot\[\^1\]/);
  assert.match(odtXml, /xlink:href="http:\/\/www\.example\.org"/);
});

test('[RX-5] nothing in the Markdown becomes markup or a link elsewhere: raw HTML, OOXML and ODF show as text, only web and mail links, images as their text', async () => {
  const markdown = [
    'Tekst <b>vet</b> en `<w:p><w:r><w:t>INGESLOPEN</w:t></w:r></w:p>`{=openxml} en [klik](javascript:alert(1)) en [bestand](file:///etc/passwd) en [site](https://example.org/a) en [mail](mailto:info@example.org).',
    '',
    '![grafiek met *tekst*](office-writer.lua) ![extern](https://example.org/x.png)',
    '',
    '<div>blok</div>',
    '',
    '```{=opendocument}',
    '<text:p>INGESLOPEN</text:p>',
    '```',
    '',
  ].join('\n');
  const bytes = await markdownToDocx(markdown, 'nl');
  const d = await packageParts(bytes);
  const documentXml = d.get('word/document.xml') ?? '';
  assert.doesNotMatch(documentXml, /<w:t>INGESLOPEN/, 'no raw OOXML got in');
  assert.match(documentXml, /&lt;w:t&gt;INGESLOPEN/, 'it is shown as text');
  assert.match(documentXml, /&lt;b&gt;.*vet.*&lt;\/b&gt;/s, 'raw HTML is shown as text');
  assert.match(documentXml, /&lt;div&gt;blok&lt;\/div&gt;/);
  const links = [...(d.get('word/_rels/document.xml.rels') ?? '').matchAll(/<Relationship\s[^>]*>/g)].map((m) => attributes(m[0])).filter((a) => a.Type?.endsWith('/hyperlink')).map((a) => a.Target);
  assert.deepEqual(links.sort(), ['https://example.org/a', 'mailto:info@example.org'], 'only web and mail links');
  assert.ok(![...d.keys()].some((path) => path.startsWith('word/media/')), 'no image embedded');
  assert.doesNotMatch(documentXml, /<w:drawing>/);
  const text = await docxOrOdtToPlainText(bytes, 'docx');
  assert.match(text, /en klik en bestand en site en mail\./, 'links elsewhere keep their text');
  assert.match(text, /grafiek met tekst extern/, 'images are their text alternative');

  const o = await packageParts(await markdownToOdt(markdown, 'nl'));
  const contentXml = o.get('content.xml') ?? '';
  assert.doesNotMatch(contentXml, /<text:p>INGESLOPEN/, 'no raw ODF got in');
  assert.match(contentXml, /&lt;text:p&gt;INGESLOPEN/);
  assert.deepEqual(
    startTags(contentXml, 'text:a').map((a) => a['xlink:href']),
    ['https://example.org/a', 'mailto:info@example.org'],
  );
  assert.ok(![...o.keys()].some((path) => path.startsWith('Pictures/')), 'no image embedded');
  assert.doesNotMatch(contentXml, /<draw:image/);
});

test('[RX-6] conversions started together do not mix, and a failed one reports pandoc’s message and leaves pandoc usable', async () => {
  const started = performance.now();
  const [a, b, c, bad] = await Promise.allSettled([
    markdownToDocx('# Alpha\n\nEen.\n', 'nl'),
    markdownToOdt('# Beta\n\nTwee.\n', 'nl'),
    docxOrOdtToPlainText(docx, 'docx'),
    docxOrOdtToPlainText(new Uint8Array([1, 2, 3]), 'odt'),
  ]);
  console.log(`four pandoc calls at once: ${ms(started)}`);
  assert.ok(a.status === 'fulfilled' && b.status === 'fulfilled' && c.status === 'fulfilled');
  assert.equal(await docxOrOdtToPlainText(a.value, 'docx'), 'Alpha\n\nEen.\n');
  assert.equal(await docxOrOdtToPlainText(b.value, 'odt'), 'Beta\n\nTwee.\n');
  assertInOrder(c.value, IN_ORDER, 'DOCX read alongside');
  assert.equal(bad.status, 'rejected');
  assert.match(String(bad.reason), /pandoc could not read ODT: .+/);
});

test('[RX-7] the PDF is tagged, in Dutch, titled, has an outline of the headings and a text layer with the report', async () => {
  await printer.print('<!doctype html><title>warm</title><p>start</p>'); // starts the browser
  assert.ok(browser);
  const started = performance.now();
  const pdf = await htmlToPdf(REPORT_HTML, { browser });
  console.log(`pdf: ${ms(started)}, ${pdf.length} bytes`);
  assert.equal(new TextDecoder().decode(pdf.subarray(0, 5)), '%PDF-');
  const reading = await readPdf(pdf);
  const text = reading.pages.join(' ').replace(/\s+/g, ' '); // lines wrap where the page ends them
  assertInOrder(text, ['Verslag bijeenkomst', 'Professionaliteit en moraliteit', 'Wat is goed werk in het openbaar bestuur?', 'Het in kaart brengen van verantwoordelijkheden', 'geëngageerd', 'Verantwoordelijkheid', 'Figuur 1.', 'Dilemma’s uit de praktijk', 'I Rapport in de la', 'café'], 'PDF text');
  assert.equal(reading.marked, true, 'a tagged PDF');
  assert.equal(reading.language, 'nl');
  assert.equal(reading.title, 'Verslag bijeenkomst: Professionaliteit en moraliteit');
  assert.deepEqual(reading.outline, [
    {
      title: 'Verslag bijeenkomst',
      items: [
        { title: 'Professionaliteit en moraliteit', items: [] },
        { title: 'Het in kaart brengen van verantwoordelijkheden', items: [] },
        { title: 'Dilemma’s uit de praktijk', items: [{ title: 'I Rapport in de la', items: [] }] },
      ],
    },
  ]);
  const elements = structureElements(reading.structure);
  const roles = elements.map((e) => e.role);
  assert.deepEqual(
    roles.filter((r) => /^H\d$/.test(r)),
    ['H1', 'H2', 'H2', 'H2', 'H3'],
  );
  for (const role of ['P', 'L', 'LI', 'Table', 'TH', 'TD', 'Figure', 'Caption']) assert.ok(roles.includes(role), `the structure tree has ${role}`);
  assert.ok(elements.some((e) => e.role === 'Figure' && e.alt === 'Staafdiagram: het vak 7, de burger 9'), 'the chart has its alternative text');
});

test('[RX-8] printing runs no script and fetches nothing', async () => {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.end('body { color: red }');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const html = `<!doctype html><html lang="nl"><head><title>t</title><link rel="stylesheet" href="${base}/style.css"></head>
<body><h1>Kop</h1><img src="${base}/image.png" alt="beeld"><script>document.body.append('SCRIPT GELOPEN')</script></body></html>`;
    const reading = await readPdf(await printer.print(html));
    assert.match(reading.pages.join('\n'), /Kop/);
    assert.doesNotMatch(reading.pages.join('\n'), /SCRIPT GELOPEN/);
    assert.deepEqual(requests, []);
  } finally {
    server.close();
  }
});

test('[RX-9] one printer serves parallel jobs with one browser, starts a new one after a crash and refuses after close', async () => {
  assert.equal(launches, 1, 'the browser was started once, by the first job');
  const started = performance.now();
  const pdfs = await Promise.all(['Eén', 'Twee', 'Drie'].map((word) => printer.print(`<!doctype html><html lang="nl"><title>${word}</title><h1>${word}</h1></html>`)));
  console.log(`three pdfs through the printer (two at a time): ${ms(started)}`);
  const readings = await Promise.all(pdfs.map(readPdf));
  assert.deepEqual(
    readings.map((r) => r.title),
    ['Eén', 'Twee', 'Drie'],
  );
  assert.equal(launches, 1, 'still one browser');

  await browser?.close(); // as if Chromium crashed
  const again = await readPdf(await printer.print('<!doctype html><title>Weer</title><h1>Weer</h1>'));
  assert.equal(again.title, 'Weer');
  assert.equal(launches, 2, 'a new browser after the crash');

  const closing = new PdfPrinter({ launch: () => Promise.reject(new Error('not started')) });
  await closing.close();
  await assert.rejects(closing.print('<p>x</p>'), /closed/);
});
