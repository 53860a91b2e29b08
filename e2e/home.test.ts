import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadDemo } from '../packages/server/src/demo.ts';
import { startTestServer, type TestServer } from '../packages/server/src/test-harness.ts';
import { launchChromium, scanAxe } from './browser.ts';

const webRoot = fileURLToPath(new URL('../packages/web/dist', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));

describe('browser: home and programme pages with the demo, in Dutch and English', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let statesScanned = 0;
  let violations = 0;

  /** Scans the page as it is now with axe; every state counts toward the figures. */
  async function axe(state: string) {
    const result = await scanAxe(page);
    statesScanned++;
    violations += result.violations;
    await page.screenshot({ path: `${shots}${state}.png`, fullPage: true });
    assert.deepEqual(result.details, [], `axe on ${state}`);
  }

  before(async () => {
    assert.ok(existsSync(`${webRoot}/index.html`), 'the web client is built (npm run build)');
    await mkdir(shots, { recursive: true });
    server = await startTestServer({ webRoot });
    await loadDemo(server.store, server.engine, server.content);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    // CSP violations and script errors show up here: there must be none.
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });

  after(async () => {
    console.log(`FIGURE axe_states_scanned=${statesScanned}`);
    console.log(`FIGURE axe_violations=${violations}`);
    await browser?.close();
    await server?.close();
  });

  it('[E2E-1] the home page shows the demo programme in Dutch', async () => {
    await page.goto(server.url + '/');
    await page.getByRole('heading', { name: 'Routekaart Goed Werk in het Openbaar Bestuur' }).first().waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    assert.ok(await page.getByText('Professionaliteit en moraliteit').first().isVisible(), 'the next meeting is shown');
    await axe('home-nl');
  });

  it('[E2E-2] the language switch turns the page into English, and remembers it', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Roadmap Good Work in Public Administration' }).first().waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await axe('home-en');
    await page.reload();
    await page.getByRole('heading', { name: 'Roadmap Good Work in Public Administration' }).first().waitFor();
  });

  it('[E2E-3] the programme page lists the meeting of 23 January 2014, in English and in Dutch', async () => {
    await page.getByRole('link', { name: /Roadmap Good Work in Public Administration/ }).first().click();
    await page.waitForURL(/\/programmes\/routekaart-goed-werk$/);
    await page.getByText('Professionalism and morality').first().waitFor();
    assert.ok(await page.getByText(/23 January 2014/).first().isVisible(), 'the date in English');
    await axe('programme-en');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByText('Professionaliteit en moraliteit').first().waitFor();
    assert.ok(await page.getByText(/23 januari 2014/).first().isVisible(), 'the date in Dutch');
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    // The page fills the window: no style meant for something else narrows the body.
    assert.equal(await page.evaluate<number>('Math.round(document.body.getBoundingClientRect().width)'), 1280);
    await axe('programme-nl');
  });

  it('[E2E-4] the meeting page shows the agenda of the Goed Werk Hub method', async () => {
    await page.goto(server.url + '/meetings/goed-werk-hub-2014-01-23');
    await page.getByText('Verantwoordelijkheden in kaart').first().waitFor();
    await axe('meeting-nl');
  });

  it('[E2E-5] the case library lists the five starter cases', async () => {
    await page.goto(server.url + '/library');
    const titles = server.content.cases.map((c) => c.title.nl ?? '');
    for (const title of titles) await page.getByText(title, { exact: false }).first().waitFor();
    await axe('library-nl');
  });

  it('[E2E-6] the participant join page fits a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const previous = page;
    page = await phone.newPage();
    try {
      await page.goto(server.url + '/join');
      await page.getByRole('textbox').first().waitFor();
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.equal(overflow, 0, 'no horizontal scrolling at 360 px');
      await axe('join-phone-nl');
    } finally {
      await phone.close();
      page = previous;
    }
  });

  /** The levels of the headings in the main landmark, in document order. */
  const headingLevels = () =>
    page.evaluate<number[]>(`[...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')].map((h) => Number(h.tagName[1]))`);

  it('[E2E-51] the footer links to the accessibility statement, which passes axe in Dutch and English and reflows at 320 px', async () => {
    await page.goto(server.url + '/');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const footer = page.getByRole('contentinfo');
    await footer.getByRole('link', { name: 'Toegankelijkheid' }).click();
    await page.waitForURL(/\/toegankelijkheid$/);
    await page.getByRole('heading', { level: 1, name: 'Toegankelijkheidsverklaring' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    assert.equal(await page.title(), 'Toegankelijkheidsverklaring · Goed Werk Hub');
    // One h1 inside main, then h2s: no level skipped.
    const levels = await headingLevels();
    assert.equal(levels[0], 1, 'the page starts with its h1');
    assert.equal(levels.filter((l) => l === 1).length, 1, 'one h1');
    assert.ok(levels.length >= 8 && levels.slice(1).every((l) => l === 2), `h2s after the h1 (${levels.join(' ')})`);
    for (const name of ['Nalevingsstatus', 'Hoe we testen', 'Bekende beperkingen', 'Een probleem melden']) {
      await page.getByRole('heading', { level: 2, name }).waitFor();
    }
    assert.ok(await page.getByText('Goed Werk Hub voldoet gedeeltelijk aan de toegankelijkheidseisen.').isVisible(), 'the status');
    assert.equal(await page.locator('main time').getAttribute('datetime'), '2026-12-07', 'the statement is dated');
    assert.equal(await footer.getByRole('link', { name: 'Toegankelijkheid' }).getAttribute('aria-current'), 'page');
    await axe('accessibility-nl');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accessibility statement' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.title(), 'Accessibility statement · Goed Werk Hub');
    await page.getByRole('heading', { level: 2, name: 'Known limitations' }).waitFor();
    await footer.getByRole('link', { name: 'Accessibility' }).waitFor();
    await axe('accessibility-en');

    // The English address leads to the same page.
    await page.goto(server.url + '/accessibility');
    await page.waitForURL(/\/toegankelijkheid$/);
    await page.getByRole('heading', { level: 1, name: 'Accessibility statement' }).waitFor();

    // Back to Dutch, then the page at 320 px wide (400 % zoom): nothing scrolls sideways.
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { level: 1, name: 'Toegankelijkheidsverklaring' }).waitFor();
    await page.setViewportSize({ width: 320, height: 740 });
    try {
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.equal(overflow, 0, 'no horizontal scrolling at 320 px');
      // The page clips sideways overflow (overflow-x: clip), so also look for text running out of its box.
      const spilling = await page.evaluate<string[]>(`[...document.querySelectorAll('body *')]
        .filter((e) => e.clientWidth > 0 && getComputedStyle(e).overflowX === 'visible' && e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.tagName.toLowerCase() + ' “' + (e.textContent || '').trim().slice(0, 40) + '”')`);
      assert.deepEqual(spilling, [], 'no text runs out of its box at 320 px');
      await axe('accessibility-nl-320');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('[E2E-52] an unknown address shows the not-found page, which passes axe', async () => {
    await page.goto(server.url + '/bestaat-niet');
    await page.getByRole('heading', { level: 1, name: 'Deze pagina bestaat niet' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    assert.equal(await page.title(), 'Deze pagina bestaat niet · Goed Werk Hub');
    assert.deepEqual(await headingLevels(), [1]);
    assert.ok(await page.getByRole('main').getByRole('link', { name: 'Naar de startpagina' }).isVisible(), 'a way back home');
    await axe('not-found-nl');
  });

  it('[E2E-7] no script errors and no CSP violations on any page', () => {
    assert.deepEqual(problems, []);
  });
});
