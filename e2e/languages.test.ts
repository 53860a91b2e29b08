import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type DemoLinks, loadDemo } from '../packages/server/src/demo.ts';
import { startTestServer, type TestServer } from '../packages/server/src/test-harness.ts';
import { launchChromium, overflow, scanAxe } from './browser.ts';

const webRoot = fileURLToPath(new URL('../packages/web/dist', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const catalogue = (language: string) => JSON.parse(readFileSync(new URL(`../content/i18n/${language}.json`, import.meta.url), 'utf8')) as object;
const WAIT = 10_000;
const ADMIN = { email: 'beheer@example.org', name: 'Robin de Vries', password: 'een lang en goed wachtwoord 42' };

type Language = 'nl' | 'en';

/** Every string of a catalogue without placeholders, flattened. */
function strings(tree: object): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown) => {
    if (typeof node === 'string') {
      if (!node.includes('{{')) out.add(node.trim());
    } else if (node && typeof node === 'object') for (const value of Object.values(node)) walk(value);
  };
  walk(tree);
  return out;
}

/**
 * The interface texts that belong to one language only: in one catalogue, not in the other. A page
 * in English must show none of the Dutch ones, and the other way round. Short words are left out
 * (a label such as "A" or "OK" may be the same word in both).
 */
function onlyIn(language: Language): string[] {
  const mine = strings(catalogue(language));
  const theirs = strings(catalogue(language === 'nl' ? 'en' : 'nl'));
  return [...mine].filter((s) => !theirs.has(s) && s.length >= 4 && /\p{L}/u.test(s));
}

/** The visible text nodes and the read-out attributes of the page that equal one of `texts`. */
const FIND_TEXTS = `((texts) => {
  const wanted = new Set(texts);
  const found = new Set();
  const shown = (e) => e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  // A part marked as another language (the report's text, in the meeting's language) is content, not interface.
  const page = document.documentElement.lang;
  const ours = (e) => (e.closest('[lang]')?.getAttribute('lang') ?? page) === page;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (wanted.has(text) && ours(node.parentElement) && (shown(node.parentElement) || node.parentElement.closest('.gw-visually-hidden, .utrecht-skip-link, .nl-skip-link'))) found.add(text);
  }
  for (const e of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
    for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
      const value = (e.getAttribute(name) || '').trim();
      if (wanted.has(value) && ours(e)) found.add(name + '=' + value);
    }
  }
  if (wanted.has(document.title.trim())) found.add('title=' + document.title);
  return [...found];
})`;

/**
 * [A11Y-5] Every page in both languages: switched with the language switch (the presentation screen,
 * which has none, follows the saved choice), not one interface text of the other language remains
 * visible or read out; axe finds nothing at 1280 px and at 320 px (400 % zoom of a 1280 px window),
 * where nothing needs scrolling sideways.
 */
describe('browser: every page in Dutch and in English, wide and at 320 px', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let statesScanned = 0;
  let violations = 0;
  const violationDetails: string[] = [];
  let pagesChecked = 0;
  const leftovers: string[] = [];
  let links: DemoLinks[] = [];
  const foreign = { nl: onlyIn('en'), en: onlyIn('nl') };

  async function axe(state: string, screenshot: boolean) {
    const result = await scanAxe(page);
    statesScanned++;
    violations += result.violations;
    violationDetails.push(...result.details.map((d) => `${state}: ${d}`));
    if (screenshot) await page.screenshot({ path: `${shots}languages-${state}.png`, fullPage: true });
    assert.deepEqual(result.details, [], `axe on ${state}`);
  }

  /** Waits until the page shows no interface text of the other language (catalogues load lazily), then reports what is left. */
  async function otherLanguageLeft(language: Language): Promise<string[]> {
    const script = `${FIND_TEXTS}(${JSON.stringify(foreign[language])})`;
    const until = Date.now() + 5000;
    let found = await page.evaluate<string[]>(script);
    while (found.length > 0 && Date.now() < until) {
      await page.waitForTimeout(200);
      found = await page.evaluate<string[]>(script);
    }
    return found;
  }

  /** The page's outline: one main and one h1, and no heading more than one level below the one before it. */
  async function assertOutline(name: string) {
    assert.equal(await page.getByRole('main').count(), 1, `${name}: one main landmark`);
    const levels = await page.evaluate<number[]>(`[...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter((h) => h.getClientRects().length > 0 || h.closest('.gw-visually-hidden')).map((h) => Number(h.tagName[1]))`);
    assert.equal(levels.filter((l) => l === 1).length, 1, `${name}: one h1 (${levels.join(' ')})`);
    assert.equal(levels[0], 1, `${name}: the h1 comes first (${levels.join(' ')})`);
    const jumps = levels.filter((level, i) => i > 0 && level > levels[i - 1]! + 1);
    assert.deepEqual(jumps, [], `${name}: headings in order (${levels.join(' ')})`);
  }

  async function check(name: string, language: Language) {
    assert.equal(await page.getAttribute('html', 'lang'), language, `${name}: <html lang>`);
    await assertOutline(`${name} (${language})`);
    const left = await otherLanguageLeft(language);
    leftovers.push(...left.map((text) => `${name} (${language}): ${text}`));
    assert.deepEqual(left, [], `${name} in ${language} shows no text of the other language`);
    await axe(`${name}-${language}`, true);
    await page.setViewportSize({ width: 320, height: 720 });
    try {
      await page.screenshot({ path: `${shots}languages-${name}-${language}-320.png`, fullPage: true });
      const { scroll, outside } = await overflow(page);
      assert.equal(scroll, 0, `${name} (${language}): no horizontal scrolling at 320 px`);
      assert.deepEqual(outside, [], `${name} (${language}): nothing sticks out at 320 px`);
      await axe(`${name}-${language}-320`, false);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }

  /** Opens a page in Dutch, checks it, switches it to English with the switch, and checks it again. */
  async function both(name: string, path: string) {
    await page.goto(server.url + path);
    await page.locator('h1').first().waitFor({ state: 'visible', timeout: WAIT });
    if ((await page.getAttribute('html', 'lang')) !== 'nl') await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.locator('html[lang="nl"]').waitFor({ state: 'attached' });
    await check(name, 'nl');
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    await check(name, 'en');
    pagesChecked++;
  }

  before(async () => {
    assert.ok(existsSync(`${webRoot}/index.html`), 'the web client is built (npm run build)');
    await mkdir(shots, { recursive: true });
    server = await startTestServer({ webRoot });
    links = await loadDemo(server.store, server.engine, server.content);
    assert.ok(await server.accounts.createAdmin(ADMIN.email, ADMIN.name, ADMIN.password));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(WAIT);
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });

  after(async () => {
    console.log(`# languages: ${pagesChecked} pages in both languages; ${foreign.nl.length} English-only and ${foreign.en.length} Dutch-only catalogue texts looked for`);
    console.log(`FIGURE axe_states_scanned=${statesScanned}`);
    console.log(`FIGURE axe_violations=${violations}`);
    for (const detail of violationDetails) console.log(`# axe: ${detail}`);
    for (const text of leftovers) console.log(`# left untranslated: ${text}`);
    await browser?.close();
    await server?.close();
  });

  it('[A11Y-5] the texts looked for are many, and the check finds a text of the other language when there is one', async () => {
    assert.ok(foreign.en.length > 500 && foreign.nl.length > 500, 'hundreds of texts per language');
    await page.goto(`${server.url}/join`);
    await page.locator('h1').first().waitFor();
    // A Dutch interface text on an English page is found (self-check of the detector).
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    const dutch = foreign.en.find((text) => text === 'Deelnemen') ?? foreign.en[0]!;
    await page.evaluate(`document.querySelector('h1').textContent = ${JSON.stringify(dutch)}`);
    assert.deepEqual(await page.evaluate<string[]>(`${FIND_TEXTS}(${JSON.stringify(foreign.en)})`), [dutch]);
  });

  it('[A11Y-5] the public pages: home, programmes, a meeting, the library, a case, joining, signing in, the statement, not found', async () => {
    const programme = server.content.programmes[0]!;
    const meeting = programme.meetings[0]!;
    const item = server.content.cases[0]!;
    for (const [name, path] of [
      ['home', '/'],
      ['programmes', '/programmes'],
      ['programme', `/programmes/${programme.programme.id}`],
      ['meeting', `/meetings/${meeting.id}`],
      ['library', '/library'],
      ['case', `/library/${item.id}`],
      ['join', '/join'],
      ['login', '/login'],
      ['statement', '/toegankelijkheid'],
      ['not-found', '/bestaat-niet'],
    ] as const) {
      await both(name, path);
    }
  });

  it('[A11Y-5] the signed-in pages: account, accounts, a new meeting, a new programme, a new case, the review queue', async () => {
    await page.goto(`${server.url}/login`);
    if ((await page.getAttribute('html', 'lang')) !== 'nl') await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByLabel('E-mailadres').fill(ADMIN.email);
    await page.getByLabel('Wachtwoord').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
    for (const [name, path] of [
      ['account', '/account'],
      ['admin-accounts', '/admin/accounts'],
      ['new-meeting', '/meetings/new'],
      ['new-programme', '/programmes/new'],
      ['new-case', '/library/new'],
      ['review', '/library/review'],
    ] as const) {
      await both(name, path);
    }
  });

  it('[A11Y-5] the console, the presentation screen and the report of a held meeting, and the console and screen with a wrong link', async () => {
    const held = links.find((link) => link.rapporteurToken);
    assert.ok(held, 'the demo has a held meeting with a report');
    const live = links.find((link) => !link.rapporteurToken);
    assert.ok(live, 'the demo has a meeting to run');
    await both('console', `/console/${live.meetingId}#token=${live.facilitatorToken}`);
    await both('report', `/report/${held.meetingId}#token=${held.rapporteurToken}`);
    // A link whose secret is wrong: the console says so instead of the meeting.
    const wrong = 'x'.repeat(43);
    await both('console-wrong-link', `/console/${held.meetingId}#token=${wrong}`);
    // The presentation screen has no switch: it follows the language chosen on this device.
    for (const [name, path] of [
      ['screen', `/screen/${live.meetingId}#token=${live.screenToken}`],
      ['screen-wrong-link', `/screen/${held.meetingId}#token=${wrong}`],
    ] as const) {
      for (const language of ['nl', 'en'] as const) {
        await page.evaluate(`localStorage.setItem('goedwerk.language', ${JSON.stringify(language)})`);
        // A new document (the same address with a new #token would only move within the page).
        await page.goto('about:blank');
        await page.goto(server.url + path);
        await page.locator('h1').first().waitFor();
        await check(name, language);
      }
      pagesChecked++;
    }
  });

  it('[A11Y-6] with prefers-reduced-motion nothing on a page moves: no transition and no animation', async () => {
    const live = links.find((link) => !link.rapporteurToken)!;
    /** Elements (and their ::before/::after) with a transition or animation that takes time. */
    const moving = () =>
      page.evaluate<string[]>(`(() => {
        const long = (list) => list.split(',').some((d) => parseFloat(d) > 0);
        const out = [];
        for (const e of document.querySelectorAll('body *')) {
          for (const pseudo of [null, '::before', '::after']) {
            const s = getComputedStyle(e, pseudo);
            if ((s.transitionProperty !== 'none' && long(s.transitionDuration)) || (s.animationName !== 'none' && long(s.animationDuration))) out.push(e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + (pseudo ?? ''));
          }
        }
        return out;
      })()`);
    const paths = ['/', '/join', '/library', `/console/${live.meetingId}#token=${live.facilitatorToken}`];
    // Without the preference the pages do move somewhere (so the check below can fail).
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    let movingByDefault = 0;
    for (const path of paths) {
      await page.goto('about:blank');
      await page.goto(server.url + path);
      await page.locator('h1').first().waitFor();
      movingByDefault += (await moving()).length;
    }
    assert.ok(movingByDefault > 0, 'some transitions exist without the preference');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    try {
      for (const path of paths) {
        await page.goto('about:blank');
        await page.goto(server.url + path);
        await page.locator('h1').first().waitFor();
        assert.deepEqual(await moving(), [], `nothing moves on ${path.split('#')[0]}`);
      }
    } finally {
      await page.emulateMedia({ reducedMotion: null });
    }
    console.log(`# reduced motion: ${movingByDefault} moving elements without the preference, 0 with it`);
  });

  it('[A11Y-5] no page logs a script error, and axe finds nothing in any state', () => {
    assert.deepEqual(problems.filter((p) => !/status of 404 \(Not Found\)/.test(p)), []);
    assert.equal(violations, 0, violationDetails.join('\n'));
    assert.equal(pagesChecked, 21, 'every page was checked');
    assert.equal(statesScanned, pagesChecked * 4, 'each in two languages at two widths');
  });
});
