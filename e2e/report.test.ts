import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { MemoryBus } from '@goedwerk/bus';
import { openPglite } from '@goedwerk/store';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { buildApp } from '../packages/server/src/app.ts';
import { loadContent } from '../packages/server/src/content.ts';
import { loadDemo } from '../packages/server/src/demo.ts';
import { defaultExporters } from '../packages/server/src/exporters.ts';
import { HELD_MEETING_ID, loadHeldMeeting } from '../packages/server/src/held-meeting.ts';
import type { TestServer } from '../packages/server/src/test-harness.ts';
import { launchChromium, overflow, scanAxe } from './browser.ts';

const webRoot = fileURLToPath(new URL('../packages/web/dist', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const WAIT = 10_000;
/** PDF, DOCX and ODT are made on request (Chromium, pandoc): the first one takes a while. */
const EXPORT_WAIT = 90_000;

/**
 * As startTestServer, with the exporters for PDF, DOCX and ODT (the harness serves Markdown and
 * HTML only): a server on a free loopback port over an in-memory embedded database.
 */
async function startReportServer(): Promise<TestServer> {
  const store = await openPglite({ dataDir: 'memory://' });
  const bus = new MemoryBus();
  const content = await loadContent();
  const built = await buildApp({ store, bus, content, webRoot, exporters: defaultExporters() });
  await built.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = built.app.server.address() as AddressInfo;
  return {
    ...built,
    store,
    content,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    async close() {
      await built.app.close();
      await bus.close();
      await store.close();
    },
  };
}

const EDITED = 'De deelnemers spraken af elkaar te blijven bevragen op goed werk.';
const CLOSING = 'Met dank aan iedereen die meedacht. Vragen over dit verslag: verslag@example.org';
const RETITLED = '(bijgewerkt)';
const NOTE = 'Graag het e-mailadres nog eens bekijken.';
const RAPPORTEUR = 'Sanne Schrijver';
const EDITOR = 'Ruud Redacteur';

/**
 * The report of the meeting held on 23 January 2014 (closed, 15 participants): the facilitator
 * reaches it from the console; the rapporteur edits, adds a closing paragraph and submits; the
 * editor approves past the anonymity check and publishes; every format downloads through the page.
 */
describe('browser: the report of a held meeting, written, reviewed, approved, published and downloaded', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let statesScanned = 0;
  let violations = 0;
  const violationDetails: string[] = [];

  const meetingId = HELD_MEETING_ID;
  let facilitatorToken = '';
  let rapporteurToken = '';
  let editorToken = '';
  let rapporteur: Page;
  let editor: Page;

  async function axe(page: Page, state: string, phone = false) {
    if (phone) {
      const { scroll, outside } = await overflow(page);
      assert.equal(scroll, 0, `no horizontal scrolling at 360 px (${state})`);
      assert.deepEqual(outside, [], `nothing sticks out at 360 px (${state})`);
    }
    const result = await scanAxe(page);
    statesScanned++;
    violations += result.violations;
    violationDetails.push(...result.details.map((d) => `${state}: ${d}`));
    await page.screenshot({ path: `${shots}report-${state}.png`, fullPage: true });
    assert.deepEqual(result.details, [], `axe on ${state}`);
  }

  async function open(viewport: { width: number; height: number }, phone = false): Promise<Page> {
    const context = await browser.newContext(phone ? { viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { viewport });
    contexts.push(context);
    context.setDefaultTimeout(WAIT);
    const page = await context.newPage();
    const name = `page ${contexts.length}`;
    page.on('console', (m) => {
      // By design the server answers a stale save with 409 and an approval past findings with 422; Chromium logs every 4xx.
      if (m.type() === 'error' && !/status of (409 \(Conflict\)|422 \(Unprocessable Entity\))/.test(m.text())) problems.push(`${name}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${name}: ${e.message}`));
    return page;
  }

  const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: WAIT });
  const heading = (page: Page, name: string | RegExp, level?: number) => page.getByRole('heading', level === undefined ? { name } : { name, level });
  const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
  const reportStatus = (page: Page) => page.locator('.gw-report-status');
  const preview = (page: Page) => page.locator('.gw-report-preview__page');

  /** Whether the element has the keyboard focus. */
  const focused = (locator: Locator) => locator.evaluate((e) => e === e.ownerDocument.activeElement);

  async function openReport(page: Page, token: string) {
    await page.goto(`${server.url}/report/${meetingId}#token=${token}`);
    await visible(page.locator('.gw-report'));
    assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');
  }

  before(async () => {
    assert.ok(existsSync(`${webRoot}/index.html`), 'the web client is built (npm run build)');
    await mkdir(shots, { recursive: true });
    server = await startReportServer();
    // The cases and the programme, then the meeting as held without its demo report: this journey writes it.
    await loadDemo(server.store, server.engine, server.content, fileURLToPath(new URL('./no-held-meeting.yaml', import.meta.url)));
    const held = await loadHeldMeeting(server.store, server.content);
    assert.equal(held.meetingId, meetingId);
    const links = await server.engine.renewLinks(meetingId);
    const reportLinks = await server.engine.renewReportLinks(meetingId);
    assert.ok(links && reportLinks);
    facilitatorToken = links.facilitatorToken;
    rapporteurToken = reportLinks.rapporteurToken;
    editorToken = reportLinks.editorToken;
    browser = await launchChromium();
  });

  after(async () => {
    console.log(`FIGURE axe_states_scanned=${statesScanned}`);
    console.log(`FIGURE axe_violations=${violations}`);
    for (const detail of violationDetails) console.log(`# axe: ${detail}`);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('[E2E-28] the facilitator reaches the report from the console, with the same rights as the rapporteur', async () => {
    const console_ = await open({ width: 1280, height: 900 });
    await console_.goto(`${server.url}/console/${meetingId}#token=${facilitatorToken}`);
    const link = console_.getByRole('link', { name: 'Verslag schrijven' });
    await visible(link);
    await link.click();
    await visible(console_.locator('.gw-report'));
    await console_.waitForURL((url) => url.pathname === `/report/${meetingId}` && url.hash === '');
    await visible(console_.locator('.gw-report__facts', { hasText: 'Begeleider' }));
    await visible(heading(console_, 'Onderdelen van het verslag'));
    await visible(button(console_, 'Aanbieden ter beoordeling'));
    await axe(console_, 'facilitator');
  });

  it('[E2E-29] on a phone (360 px) the rapporteur’s editor fits the screen', async () => {
    const phone = await open({ width: 360, height: 740 }, true);
    await openReport(phone, rapporteurToken);
    await visible(phone.locator('.gw-report-section'));
    await axe(phone, 'phone-draft', true);
  });

  it('[E2E-30] the rapporteur gives a name, edits a section, adds a closing paragraph that the preview shows, and saves', async () => {
    rapporteur = await open({ width: 1440, height: 1000 });
    await openReport(rapporteur, rapporteurToken);
    await visible(heading(rapporteur, /Professionaliteit en moraliteit/, 1));
    assert.equal((await reportStatus(rapporteur).textContent())?.trim(), 'Concept');
    await visible(rapporteur.locator('.gw-report__facts', { hasText: 'Rapporteur' }));
    await axe(rapporteur, 'rapporteur-draft');

    // Nothing is saved without a name.
    await button(rapporteur, 'Opslaan').click();
    await visible(rapporteur.locator('.gw-form-field__error', { hasText: 'Vul eerst uw naam in.' }));
    const name = rapporteur.getByLabel('Uw naam');
    assert.equal(await focused(name), true, 'the name field has the focus');
    await name.fill(RAPPORTEUR);

    const first = rapporteur.locator('.gw-report-section').first();
    const text = first.getByLabel(/^Tekst \(Markdown\)/);
    await text.fill(`${await text.inputValue()}\n\n${EDITED}`);
    await visible(rapporteur.getByText('Niet-opgeslagen wijzigingen'));
    await visible(preview(rapporteur).getByText(EDITED));

    await button(rapporteur, 'Slotparagraaf toevoegen').click();
    // It goes before the part about the programme, as in the seed report.
    const closing = rapporteur.locator('.gw-report-section').nth(-2);
    await visible(closing.getByRole('heading', { name: /Tot slot/ }));
    await visible(rapporteur.locator('.gw-report-section').last().getByRole('heading', { name: /Over het programma/ }));
    const closingText = closing.getByLabel(/^Tekst \(Markdown\)/);
    assert.equal(await focused(closingText), true, 'the new paragraph’s text has the focus');
    await closingText.fill(CLOSING);
    await visible(preview(rapporteur).getByRole('heading', { name: 'Tot slot' }));
    await visible(preview(rapporteur).getByText('Met dank aan iedereen die meedacht.'));

    // Move it up one place and back: the buttons say which section they move.
    await button(rapporteur, 'Omhoog: Tot slot').click();
    await visible(rapporteur.getByText(/Tot slot staat nu op plaats/));
    await button(rapporteur, 'Omlaag: Tot slot').click();
    await axe(rapporteur, 'rapporteur-edited');

    await button(rapporteur, 'Opslaan').click();
    await visible(rapporteur.getByText('Opgeslagen.', { exact: true }));
    await visible(rapporteur.getByText('Alle wijzigingen zijn opgeslagen'));
    // The e-mail address is a passage that may identify someone: everyone sees the warning.
    await visible(rapporteur.locator('.gw-report-findings', { hasText: 'verslag@example.org' }));
    await visible(rapporteur.locator('.gw-report-history__item', { hasText: RAPPORTEUR }));
    await axe(rapporteur, 'rapporteur-saved');
  });

  it('[E2E-31] when someone else saved in the meantime, saving says so and a reload shows their version', async () => {
    const other = await open({ width: 1280, height: 900 });
    await openReport(other, rapporteurToken);
    await other.getByLabel('Uw naam').fill('Tweede Schrijver');
    const title = other.locator('.gw-report-section').nth(1).getByLabel(/^Titel/);
    await title.fill(`${await title.inputValue()} ${RETITLED}`);
    await button(other, 'Opslaan').click();
    await visible(other.getByText('Opgeslagen.', { exact: true }));

    const stale = rapporteur.locator('.gw-report-section').nth(1).getByLabel('Opnemen in het verslag');
    await stale.uncheck();
    await visible(rapporteur.locator('.gw-report-section--excluded'));
    await button(rapporteur, 'Opslaan').click();
    await visible(rapporteur.getByRole('alert').filter({ hasText: 'Iemand anders heeft het verslag intussen opgeslagen.' }));
    await axe(rapporteur, 'rapporteur-conflict');
    await button(rapporteur, 'Opnieuw laden').click();
    await visible(rapporteur.locator('.gw-report-section').nth(1).getByRole('heading', { name: new RegExp(RETITLED) }));
    assert.equal(await rapporteur.locator('.gw-report-section--excluded').count(), 0, 'the reload shows the stored version');
    await visible(preview(rapporteur).getByText(EDITED));
    await other.context().close();
  });

  it('[E2E-32] the rapporteur submits the report for review; its sections become read-only', async () => {
    await button(rapporteur, 'Aanbieden ter beoordeling').click();
    await visible(rapporteur.getByText('Het verslag is aangeboden ter beoordeling.'));
    assert.equal((await reportStatus(rapporteur).textContent())?.trim(), 'Ter beoordeling');
    assert.equal(await rapporteur.locator('.gw-report-section').count(), 0, 'the sections are read-only in review');
    await visible(preview(rapporteur).getByText(EDITED));
    await axe(rapporteur, 'rapporteur-submitted');
  });

  it('[E2E-33] the editor sends the report back with a note; the rapporteur reads it and submits again', async () => {
    editor = await open({ width: 1440, height: 1000 });
    await openReport(editor, editorToken);
    await visible(editor.locator('.gw-report__facts', { hasText: 'Redacteur' }));
    assert.equal((await reportStatus(editor).textContent())?.trim(), 'Ter beoordeling');
    assert.equal(await editor.locator('.gw-report-section').count(), 0, 'the editor reads, does not edit');
    await visible(preview(editor).getByText(CLOSING.slice(0, 30)));
    await axe(editor, 'editor-review');

    await editor.getByLabel('Uw naam').fill(EDITOR);
    await button(editor, 'Terugsturen naar de rapporteur').click();
    await editor.getByLabel('Toelichting (niet verplicht)').fill(NOTE);
    await axe(editor, 'editor-return');
    await button(editor, 'Terugsturen').click();
    await visible(editor.getByText('Het verslag is teruggestuurd naar de rapporteur.'));
    assert.equal((await reportStatus(editor).textContent())?.trim(), 'Concept');

    await rapporteur.reload();
    await visible(rapporteur.locator('.gw-report-history__item', { hasText: NOTE }));
    assert.equal((await reportStatus(rapporteur).textContent())?.trim(), 'Concept');
    await visible(rapporteur.locator('.gw-report-section').first());
    await button(rapporteur, 'Aanbieden ter beoordeling').click();
    await visible(rapporteur.getByText('Het verslag is aangeboden ter beoordeling.'));
    await editor.reload();
    await visible(editor.locator('.gw-report-status', { hasText: 'Ter beoordeling' }));
  });

  it('[E2E-34] the editor approves after ticking that the flagged passages were checked, and publishes', async () => {
    await button(editor, 'Goedkeuren').click();
    const findings = editor.locator('.gw-report-findings--approve');
    await visible(findings);
    await visible(findings.getByText('verslag@example.org', { exact: false }));
    await visible(editor.getByRole('alert').filter({ hasText: /passages? (kan|kunnen) iemand herkenbaar maken/ }));
    await axe(editor, 'editor-findings');

    await button(editor, 'Toch goedkeuren').click();
    await visible(editor.getByText('Vink eerst aan dat u deze passages hebt gecontroleerd.'));
    assert.equal((await reportStatus(editor).textContent())?.trim(), 'Ter beoordeling');
    await editor.getByLabel('Ik heb deze passages gecontroleerd').check();
    await button(editor, 'Toch goedkeuren').click();
    await visible(editor.getByText('Het verslag is goedgekeurd.'));
    assert.equal((await reportStatus(editor).textContent())?.trim(), 'Goedgekeurd');
    await visible(preview(editor).getByText(`Redactie: ${EDITOR}`));
    await axe(editor, 'editor-approved');

    await button(editor, 'Publiceren').click();
    await visible(editor.getByText('Het verslag is gepubliceerd.', { exact: true }).first());
    assert.equal((await reportStatus(editor).textContent())?.trim(), 'Gepubliceerd');
    const history = editor.locator('.gw-report-history__item');
    for (const entry of ['Bewerkt', 'Aangeboden ter beoordeling', 'Goedgekeurd', 'Gepubliceerd']) await visible(history.filter({ hasText: entry }));
    await visible(history.filter({ hasText: `door ${EDITOR} (Redacteur)` }));
    await visible(history.filter({ hasText: `door ${RAPPORTEUR} (Rapporteur)` }));
    await axe(editor, 'editor-published');
  });

  it('[E2E-35] every format downloads through the page: PDF, Word, OpenDocument, HTML and Markdown', async () => {
    const expectations: { label: string; check: (bytes: Buffer) => void }[] = [
      { label: 'PDF', check: (b) => assert.equal(b.subarray(0, 4).toString('latin1'), '%PDF') },
      { label: 'Word (.docx)', check: (b) => assert.equal(b.subarray(0, 2).toString('latin1'), 'PK') },
      { label: 'OpenDocument (.odt)', check: (b) => assert.equal(b.subarray(0, 2).toString('latin1'), 'PK') },
      { label: 'Webpagina (.html)', check: (b) => assert.ok(b.toString('utf8').includes(EDITED), 'the HTML holds the edited sentence') },
      { label: 'Markdown (.md)', check: (b) => assert.ok(b.toString('utf8').includes(EDITED), 'the Markdown holds the edited sentence') },
    ];
    const sizes: string[] = [];
    for (const { label, check } of expectations) {
      const started = Date.now();
      const [download] = await Promise.all([editor.waitForEvent('download', { timeout: EXPORT_WAIT }), button(editor, label).click()]);
      const path = await download.path();
      const bytes = await readFile(path);
      assert.ok(bytes.length > 0, `${label} is not empty`);
      check(bytes);
      assert.match(download.suggestedFilename(), new RegExp(`^verslag-${meetingId}\\.(pdf|docx|odt|html|md)$`));
      await visible(editor.getByText(new RegExp(`^${label.replace(/[.()]/g, '\\$&')} is gedownload`)));
      sizes.push(`${label} ${bytes.length} bytes in ${Date.now() - started} ms`);
    }
    console.log(`# downloads: ${sizes.join('; ')}`);
    assert.equal(await editor.locator('[aria-busy="true"]').count(), 0, 'nothing is busy any more');
    await axe(editor, 'editor-downloaded');
  });

  it('[E2E-36] on a phone (360 px) the published report fits the screen', async () => {
    const phone = await open({ width: 360, height: 740 }, true);
    await openReport(phone, editorToken);
    await visible(phone.locator('.gw-report-status', { hasText: 'Gepubliceerd' }));
    await axe(phone, 'phone-published', true);
  });

  it('[E2E-37] while a meeting is not over the report can be written and downloaded as a draft, not submitted', async () => {
    const method = server.content.methods.get('goed-werk-hub');
    const demo = server.content.programmes[0]?.meetings[0];
    assert.ok(method && demo);
    const made = await server.engine.createMeeting({ ...demo.spec, programmeId: server.content.programmes[0]!.programme.id }, method);
    const page = await open({ width: 1280, height: 900 });
    await page.goto(`${server.url}/report/${made.meetingId}#token=${made.facilitatorToken}`);
    await visible(page.locator('.gw-report'));
    await visible(page.getByText(/De bijeenkomst is nog niet afgesloten\. Aanbieden en goedkeuren/));
    assert.equal(await button(page, 'Aanbieden ter beoordeling').count(), 0);
    await visible(page.getByText('De bijeenkomst is nog bezig: de bestanden zijn gemarkeerd als concept.'));
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Markdown (.md)').click()]);
    const markdown = await readFile(await download.path(), 'utf8');
    assert.match(markdown, /Concept: de bijeenkomst is nog bezig\./);
    await axe(page, 'not-over');
  });

  it('[E2E-38] no page of the report logs a script error or a Content-Security-Policy violation', () => {
    assert.deepEqual(problems, []);
  });

  it('[E2E-39] axe finds no WCAG 2.1 AA violations in any state of the report', () => {
    assert.ok(statesScanned >= 15, `scanned ${statesScanned} states`);
    assert.equal(violations, 0);
  });
});
