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

  it('[E2E-7] no script errors and no CSP violations on any page', () => {
    assert.deepEqual(problems, []);
  });
});
