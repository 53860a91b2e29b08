import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser } from 'playwright-core';
import { parse } from 'yaml';
import { caseCardsHtml, caseCardsPdf, type CaseCard, type CaseCardsOptions } from './cards.ts';
import { launchChromium } from './chromium.ts';
import { readPdf, structureElements, type PdfReading } from './pdf-text.ts';
import { PdfPrinter } from './pdf.ts';

// One browser for the file: it prints the cards and renders them back to pixels for the QR check.

type Lang = 'nl' | 'en';
type Bilingual = Record<Lang, string>;

interface StarterCaseFile {
  id: string;
  title: Bilingual;
  hornA?: Bilingual;
  hornB?: Bilingual;
  situation: Bilingual;
  criterion?: Bilingual;
  prompts?: Bilingual[];
}

const CASES_DIR = new URL('../../../content/cases/', import.meta.url);

// Prompts for a starter case that has none of its own.
const PROMPTS: Record<Lang, string[]> = {
  nl: ['Welke verantwoordelijkheden botsen hier?', 'Wat zou jij doen, en waarom?', 'Wat weegt voor jou het zwaarst: de regel, de relatie of het resultaat?'],
  en: ['Which responsibilities clash here?', 'What would you do, and why?', 'What weighs most for you: the rule, the relationship or the result?'],
};

const OPTIONS: Record<Lang, CaseCardsOptions> = {
  nl: {
    lang: 'nl',
    labels: { documentTitle: 'Casuskaarten', versus: 'tegenover', criterion: 'Toets:', questions: 'Vragen voor het gesprek', scan: 'Scan om te stemmen' },
  },
  en: {
    lang: 'en',
    labels: { documentTitle: 'Case cards', versus: 'versus', criterion: 'Test:', questions: 'Questions for the conversation', scan: 'Scan to vote' },
  },
};

const STARTERS: StarterCaseFile[] = readdirSync(CASES_DIR)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => parse(readFileSync(new URL(name, CASES_DIR), 'utf8')) as StarterCaseFile);

function cardOf(c: StarterCaseFile, lang: Lang): CaseCard {
  return {
    id: c.id,
    title: c.title[lang],
    ...(c.hornA ? { hornA: c.hornA[lang] } : {}),
    ...(c.hornB ? { hornB: c.hornB[lang] } : {}),
    situation: c.situation[lang],
    ...(c.criterion ? { criterion: c.criterion[lang] } : {}),
    prompts: c.prompts && c.prompts.length > 0 ? c.prompts.map((p) => p[lang]) : PROMPTS[lang],
    qrUrl: `https://goedwerk.example/m/7KQ2-X9/stem/${c.id}?taal=${lang}`,
    qrCaption: OPTIONS[lang].labels.scan,
  };
}

/** All the text a case puts on its front, to find the longest. */
function frontLength(card: CaseCard): number {
  return [card.title, card.hornA, card.hornB, card.situation, card.criterion].join(' ').length;
}

/** Whitespace as one space: the text layer breaks lines where the page does. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

const ms = (since: number) => `${Math.round(performance.now() - since)} ms`;

interface Deck {
  readonly cards: CaseCard[];
  readonly pdf: Uint8Array;
  readonly reading: PdfReading;
  /** Each page's width and height in points. */
  readonly sizes: [number, number][];
}

let browser: Browser;
let printer: PdfPrinter;
const decks = {} as Record<Lang, Deck>;

async function pageSizes(pdf: Uint8Array): Promise<[number, number][]> {
  const doc = await getDocument({ data: pdf.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const sizes: [number, number][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const [x0, y0, x1, y1] = (await doc.getPage(n)).view as [number, number, number, number];
      sizes.push([x1 - x0, y1 - y0]);
    }
    return sizes;
  } finally {
    await doc.destroy();
  }
}

async function deck(lang: Lang, cards: CaseCard[]): Promise<Deck> {
  const started = performance.now();
  const pdf = await caseCardsPdf(cards, { ...OPTIONS[lang], printer });
  console.log(`${lang} cards pdf (${cards.length} cards): ${ms(started)}, ${pdf.length} bytes`);
  return { cards, pdf, reading: await readPdf(pdf), sizes: await pageSizes(pdf) };
}

const require = createRequire(import.meta.url);
const PDFJS_BUILD = require.resolve('pdfjs-dist/build/pdf.mjs').replace(/pdf\.mjs$/, '');
const JSQR = require.resolve('jsqr');

// Runs in the page (plain JavaScript, so no transpiler helpers): pdf.js renders each asked page to
// a canvas at 3×, and jsQR reads the canvas's pixels.
const RENDER_AND_DECODE = (pages: number[]) => `(async () => {
  const pdfjs = await import('/pdfjs/pdf.mjs');
  pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/pdf.worker.mjs';
  const data = new Uint8Array(await (await fetch('/cards.pdf')).arrayBuffer());
  const doc = await pdfjs.getDocument({ data }).promise;
  const decoded = [];
  for (const n of ${JSON.stringify(pages)}) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 3 });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(viewport.width);
    canvas.height = Math.ceil(viewport.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    await page.render({ canvasContext: context, canvas, viewport }).promise;
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    const code = jsQR(image.data, image.width, image.height);
    decoded.push(code ? code.data : null);
  }
  await doc.destroy();
  return decoded;
})()`;

/**
 * Renders the given pages of a PDF in Chromium (pdf.js has no canvas in Node) and decodes a QR
 * code on each: its text, or null. pdf.js and jsQR are served from node_modules; nothing else loads.
 */
async function decodeQrCodes(pdf: Uint8Array, pages: number[]): Promise<(string | null)[]> {
  const context = await browser.newContext();
  try {
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== 'http://cards.test') return route.abort();
      const script = /^\/pdfjs\/(pdf(?:\.worker)?\.mjs)$/.exec(url.pathname);
      if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>render</title>' });
      if (url.pathname === '/cards.pdf') return route.fulfill({ contentType: 'application/pdf', body: Buffer.from(pdf) });
      if (url.pathname === '/jsQR.js') return route.fulfill({ contentType: 'text/javascript', body: readFileSync(JSQR) });
      if (script) return route.fulfill({ contentType: 'text/javascript', body: readFileSync(PDFJS_BUILD + script[1]) });
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto('http://cards.test/');
    await page.addScriptTag({ url: '/jsQR.js' });
    return (await page.evaluate(RENDER_AND_DECODE(pages))) as (string | null)[];
  } finally {
    await context.close();
  }
}

before(async () => {
  const started = performance.now();
  browser = await launchChromium();
  console.log(`chromium launch: ${ms(started)}`);
  printer = new PdfPrinter({ launch: async () => browser });
  assert.equal(STARTERS.length, 5, 'five starter cases');
  decks.nl = await deck('nl', STARTERS.map((c) => cardOf(c, 'nl')));
  decks.en = await deck('en', STARTERS.map((c) => cardOf(c, 'en')));
});

after(async () => {
  await printer.close(); // closes the browser
});

test('[CC-1] five starter cases give ten A6 portrait pages, front then back', () => {
  for (const lang of ['nl', 'en'] as const) {
    const { cards, reading, sizes } = decks[lang];
    assert.equal(reading.pages.length, 2 * cards.length, `${lang}: two pages per card`);
    for (const [n, [width, height]] of sizes.entries()) {
      // A6 is 297.6 × 419.5 pt; Chromium rounds the page to whole CSS pixels.
      assert.ok(Math.abs(width - 297.6) < 1.5 && Math.abs(height - 419.5) < 1.5, `${lang} page ${n + 1} is A6 portrait: ${width} × ${height}`);
    }
    cards.forEach((card, i) => {
      assert.ok(flat(reading.pages[2 * i] ?? '').startsWith(flat(card.title)), `${lang}: page ${2 * i + 1} is the front of ${card.id}`);
      assert.match(reading.pages[2 * i + 1] ?? '', new RegExp(OPTIONS[lang].labels.questions), `${lang}: page ${2 * i + 2} is its back`);
    });
  }
});

test('[CC-2] the front holds the title, the horns and the situation, the back the prompts, the caption and the address', () => {
  const { cards, reading } = decks.nl;
  cards.forEach((card, i) => {
    const front = flat(reading.pages[2 * i] ?? '');
    const back = flat(reading.pages[2 * i + 1] ?? '');
    assert.ok(front.includes(flat(card.title)), `the front of ${card.id} holds its title`);
    if (card.hornA && card.hornB) assert.ok(front.includes(`${flat(card.hornA)} tegenover ${flat(card.hornB)}`), `${card.id}: A tegenover B`);
    assert.ok(front.includes(flat(card.situation).slice(0, 60)), `${card.id}: the situation`);
    if (card.criterion) assert.ok(front.includes(`Toets: ${flat(card.criterion)}`), `${card.id}: the criterion after its label`);
    assert.ok(back.startsWith(flat(card.title)), `${card.id}: the back repeats the title`);
    card.prompts.forEach((p, k) => assert.ok(back.includes(`${k + 1}. ${p}`), `${card.id}: prompt ${k + 1} numbered`));
    assert.ok(back.includes('Scan om te stemmen'), `${card.id}: the caption`);
    assert.ok(back.replace(/ /g, '').includes(card.qrUrl), `${card.id}: the address in print`);
    assert.ok(!front.includes(card.qrUrl) && !back.includes('versus'), 'each side holds its own part, in Dutch');
  });
});

test('[CC-2] English cards carry the caller’s English labels and language', () => {
  const { cards, reading } = decks.en;
  const all = reading.pages.join('\n');
  assert.equal(reading.language, 'en');
  assert.equal(reading.title, 'Case cards');
  for (const word of ['versus', 'Test:', 'Questions for the conversation', 'Scan to vote']) assert.ok(all.includes(word), `the label “${word}”`);
  for (const word of ['tegenover', 'Toets', 'Vragen voor het gesprek', 'Scan om te stemmen']) assert.ok(!all.includes(word), `no Dutch label “${word}”`);
  cards.forEach((card, i) => assert.ok(flat(reading.pages[2 * i] ?? '').includes(flat(card.title)), `the English front of ${card.id}`));
});

test('[CC-3] the longest starter cases print in full, in Dutch and in English', () => {
  for (const lang of ['nl', 'en'] as const) {
    const { cards, reading } = decks[lang];
    const longest = cards.reduce((a, b) => (frontLength(b) > frontLength(a) ? b : a));
    const front = flat(reading.pages[cards.indexOf(longest) * 2] ?? '');
    console.log(`longest ${lang} front: ${longest.id}, ${frontLength(longest)} characters`);
    for (const part of [longest.title, longest.hornA, longest.hornB, longest.situation, longest.criterion]) {
      if (part) assert.ok(front.includes(flat(part)), `${lang} ${longest.id}: in full: ${part.slice(0, 40)}…`);
    }
    assert.ok(!front.includes('…'), `${lang}: nothing shortened`);

    const most = cards.reduce((a, b) => (b.prompts.join(' ').length > a.prompts.join(' ').length ? b : a));
    const back = flat(reading.pages[cards.indexOf(most) * 2 + 1] ?? '');
    most.prompts.forEach((p, k) => assert.ok(back.includes(`${k + 1}. ${flat(p)}`), `${lang} ${most.id}: prompt ${k + 1} in full`));
    assert.ok(!back.includes('…'), `${lang}: no prompt shortened`);
  }
});

test('[CC-3] text too long for a card is shortened after a whole word with a visible ellipsis, and the card keeps two pages', async () => {
  const base = decks.nl.cards.reduce((a, b) => (frontLength(b) > frontLength(a) ? b : a));
  const situation = Array.from({ length: 10 }, () => base.situation).join(' ');
  const prompt = 'Wat vind jij daarvan, en waarom denk je dat een collega er anders over kan denken dan jij? ';
  const cards: CaseCard[] = [
    { ...base, id: 'lange-situatie', situation },
    { ...base, id: 'veel-vragen', prompts: Array.from({ length: 10 }, (_, k) => `Vraag ${k + 1}. ${prompt.repeat(3)}`.trim()) },
  ];
  const { reading } = await deck('nl', cards);
  assert.equal(reading.pages.length, 4, 'still two pages per card');

  const front = flat(reading.pages[0] ?? '');
  const start = front.indexOf(flat(base.situation).slice(0, 40));
  const end = front.indexOf(' …', start);
  assert.ok(start >= 0 && end > start, 'the situation is shortened with a visible ellipsis');
  const shown = front.slice(start, end);
  const original = flat(situation);
  assert.ok(original.startsWith(shown), 'what shows is the start of the situation, unchanged');
  assert.match(original.slice(shown.length), /^[\s,;:.–—-]/, 'cut after a whole word');
  assert.ok(shown.length > 1000, `most of a page is used (${shown.length} characters)`);
  assert.ok(front.includes(`Toets: ${flat(base.criterion ?? '')}`), 'the criterion after a long situation still shows');

  const back = flat(reading.pages[3] ?? '');
  for (let k = 1; k <= 10; k++) assert.ok(back.includes(`${k}. Vraag ${k}.`), `prompt ${k} is on the back`);
  assert.ok(back.includes('…'), 'long prompts are shortened visibly');
  assert.ok(back.includes('Scan om te stemmen'), 'the QR code’s caption still fits');
});

test('[CC-4] every QR code, rendered from the PDF, decodes to its card’s address', async () => {
  const { cards, pdf } = decks.nl;
  const started = performance.now();
  const decoded = await decodeQrCodes(
    pdf,
    cards.map((_, i) => 2 * i + 2),
  );
  console.log(`render ${cards.length} backs at 3× and decode: ${ms(started)}`);
  const matches = decoded.filter((text, i) => text === cards[i]?.qrUrl).length;
  console.log(`FIGURE cards_qr_decoded=${matches}/${cards.length}`);
  assert.deepEqual(
    decoded,
    cards.map((c) => c.qrUrl),
  );
  assert.equal(matches, cards.length);
});

test('[CC-5] the PDF is tagged, in the cards’ language, with headings, lists, a described QR figure and bookmarks per card', () => {
  const { cards, reading } = decks.nl;
  assert.equal(reading.marked, true, 'a tagged PDF');
  assert.equal(reading.language, 'nl');
  assert.equal(reading.title, 'Casuskaarten');
  const elements = structureElements(reading.structure);
  const roles = elements.map((e) => e.role);
  assert.equal(roles.filter((r) => r === 'H1').length, cards.length, 'an H1 per card');
  assert.equal(roles.filter((r) => r === 'H2').length, cards.length, 'an H2 for each card’s prompts');
  assert.equal(roles.filter((r) => r === 'L').length, cards.length, 'the prompts are a list');
  assert.equal(
    roles.filter((r) => r === 'LI').length,
    cards.reduce((sum, c) => sum + c.prompts.length, 0),
    'a list item per prompt',
  );
  assert.equal(roles.filter((r) => r === 'Caption').length, cards.length, 'each QR code has its caption');
  assert.deepEqual(
    elements.filter((e) => e.alt !== undefined).map((e) => e.alt),
    cards.map((c) => `Scan om te stemmen: ${c.qrUrl}`),
    'the QR codes are figures described by the scan label and the address',
  );
  assert.deepEqual(
    reading.outline.map((o) => o.title),
    cards.map((c) => flat(c.title)),
  );
});

test('[CC-6] HTML in a card’s text shows as text, also in the QR code’s label', async () => {
  const evil: CaseCard = {
    id: 'xss',
    title: '<img src=x onerror=alert(1)>',
    hornA: '<b>vet</b> & "quotes"',
    hornB: "it's <i>schuin</i>",
    situation: '</section><script>alert(1)</script>',
    criterion: '<a href="javascript:alert(1)">klik</a>',
    prompts: ['<svg onload=alert(1)>'],
    qrUrl: 'https://goedwerk.example/s?q="><svg onload=alert(1)>',
    qrCaption: '"><iframe src=javascript:alert(1)>',
  };
  const html = await caseCardsHtml([evil], OPTIONS.nl);
  for (const markup of ['<img', '<b>', '<i>', '<script', '</section><script', '<a href="javascript', '<svg onload', '<iframe']) {
    assert.ok(!html.includes(markup), `no ${markup} as markup`);
  }
  assert.equal(html.match(/<svg/g)?.length, 1, 'the only SVG is the QR code');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the title is escaped text');

  const { reading } = await deck('nl', [evil]);
  assert.equal(reading.pages.length, 2);
  const front = flat(reading.pages[0] ?? '');
  const back = flat(reading.pages[1] ?? '');
  assert.ok(front.startsWith('<img src=x onerror=alert(1)>'), 'the title shows as typed');
  for (const text of ['<b>vet</b> & "quotes"', "it's <i>schuin</i>", '</section><script>alert(1)</script>', '<a href="javascript:alert(1)">klik</a>']) {
    assert.ok(front.includes(text), `the front shows ${text}`);
  }
  for (const text of ['1. <svg onload=alert(1)>', '"><iframe src=javascript:alert(1)>']) assert.ok(back.includes(text), `the back shows ${text}`);
  assert.ok(back.replace(/ /g, '').includes(evil.qrUrl.replace(/ /g, '')), 'the address shows as typed');
  assert.ok(
    structureElements(reading.structure).some((e) => e.alt === `Scan om te stemmen: ${evil.qrUrl}`),
    'the QR code’s label holds the address as text',
  );
});
