import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { AccountRole, ProgrammeResponse, ProgrammeTrendsResponse } from '@goedwerk/core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { loadDemo } from '../packages/server/src/demo.ts';
import { startTestServer, type TestServer } from '../packages/server/src/test-harness.ts';
import { launchChromium, overflow, scanAxe } from './browser.ts';

const webRoot = fileURLToPath(new URL('../packages/web/dist', import.meta.url));
const SHOTS = '/tmp/programme-';
const WAIT = 15_000;
const PROGRAMME = 'routekaart-goed-werk';
const PASSWORD = 'een programma is een reeks bijeenkomsten';
const MANAGER = { email: 'pien@example.org', name: 'Pien Programma', role: 'programme_manager' as AccountRole };
const FACILITATOR = { email: 'frits@example.org', name: 'Frits Facilitator', role: 'facilitator' as AccountRole };
const AGREEMENT = 'Elk kwartaal één dilemma uit de eigen praktijk bespreken in het teamoverleg';

/**
 * The programme's page with the demo's three held meetings: a visitor reads the meetings, the
 * evaluation (chart and table), the tensions matrix, the cases and the suggested themes in Dutch and
 * English and downloads the calendar; a programme manager confirms two themes; a facilitator adds a
 * follow-up and marks it done; a programme manager starts a programme; the page fits a phone.
 */
describe('browser: the programme page — meetings, follow-ups, trends, lesson themes, calendar, a new programme', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let statesScanned = 0;
  let violations = 0;
  const violationDetails: string[] = [];
  let trendsNl: ProgrammeTrendsResponse;
  let visitor: Page;
  let manager: Page;
  let facilitator: Page;
  let confirmedLabels: string[] = [];

  /** Keeps a full-page screenshot of the page as it is now and scans it with axe (every state counts). */
  async function axe(page: Page, state: string, options: { phone?: boolean } = {}) {
    if (options.phone) {
      const { scroll, outside } = await overflow(page);
      assert.equal(scroll, 0, `no horizontal scrolling of the page (${state})`);
      assert.deepEqual(outside, [], `nothing sticks out of the viewport (${state})`);
    }
    // The screenshot first: the state as a person sees it, before axe looks around in it. From the top: a full-page
    // shot of a scrolled page would paint the skip link (fixed, 200% above the viewport) into the page.
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: `${SHOTS}${state}.png`, fullPage: true });
    const result = await scanAxe(page);
    statesScanned++;
    violations += result.violations;
    violationDetails.push(...result.details.map((d) => `${state}: ${d}`));
    assert.deepEqual(result.details, [], `axe on ${state}`);
  }

  function watch(page: Page, name: string): Page {
    page.on('console', (m) => {
      // Chromium logs every 4xx: a signed-out session check answers 401, a taken programme id 409.
      if (m.type() === 'error' && !/status of (401 \(Unauthorized\)|409 \(Conflict\))/.test(m.text())) problems.push(`${name}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${name}: ${e.message}`));
    return page;
  }

  async function open(name: string, viewport: { width: number; height: number }, phone = false): Promise<Page> {
    const context = await browser.newContext(phone ? { viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { viewport });
    contexts.push(context);
    context.setDefaultTimeout(WAIT);
    return watch(await context.newPage(), name);
  }

  const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: WAIT });
  const heading = (page: Page, name: string | RegExp, level?: number) => page.getByRole('heading', level === undefined ? { name } : { name, level });
  const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
  const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });
  const table = (page: Page, caption: string | RegExp) => page.getByRole('table', { name: caption });

  /** Makes a staff account with a password (as an accepted invitation does). */
  async function staff(who: { email: string; name: string; role: AccountRole }) {
    const made = await server.accounts.invite({ email: who.email, displayName: who.name, role: who.role });
    assert.ok(made && (await server.accounts.acceptInvite(made.inviteToken, PASSWORD)), `${who.role} made`);
  }

  /** Signs in on /login, as a person does (the header then knows the session). */
  async function signIn(page: Page, email: string) {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await button(page, 'Inloggen').click();
    await page.waitForURL(`${server.url}/account`);
  }

  /** Opens the programme page and waits for the trends chunk. */
  async function openProgramme(page: Page, trendsHeading = 'Wat de bijeenkomsten samen laten zien') {
    await page.goto(`${server.url}/programmes/${PROGRAMME}`);
    await visible(heading(page, trendsHeading, 2));
    await visible(page.locator('.gw-chart__svg'));
  }

  before(async () => {
    assert.ok(existsSync(`${webRoot}/index.html`), 'the web client is built (npm run build)');
    server = await startTestServer({ webRoot });
    await loadDemo(server.store, server.engine, server.content);
    await staff(MANAGER);
    await staff(FACILITATOR);
    trendsNl = (await (await fetch(`${server.url}/api/programmes/${PROGRAMME}/trends?lang=nl`)).json()) as ProgrammeTrendsResponse;
    browser = await launchChromium();
    visitor = await open('visitor', { width: 1280, height: 900 });
    manager = await open('programme manager', { width: 1280, height: 900 });
    facilitator = await open('facilitator', { width: 1280, height: 900 });
  });

  after(async () => {
    console.log(`FIGURE axe_states_scanned=${statesScanned}`);
    console.log(`FIGURE axe_violations=${violations}`);
    for (const detail of violationDetails) console.log(`# axe: ${detail}`);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('[PG-20] [PG-22] [PG-23] a visitor sees the facts, at least three held meetings and a mark per held meeting, in a chart with a caption and a table', async () => {
    const held = trendsNl.trends.evaluation;
    assert.ok(held.length >= 3, `the demo has ${held.length} held meetings`);
    await openProgramme(visitor);
    await visible(heading(visitor, 'Routekaart Goed Werk in het Openbaar Bestuur', 1));
    const facts = visitor.locator('.gw-programme-facts');
    for (const label of ['Thema', 'Organisator', 'Mogelijk gemaakt door', 'Agenda']) await visible(facts.getByText(label, { exact: true }));
    await visible(facts.getByText('Stichting Beroepseer'));
    assert.ok((await visitor.locator('#programme-meetings ~ ul > li').count()) >= 3, 'at least three meetings are listed');
    for (const title of ['Professionaliteit en moraliteit', 'Loyaliteit en tegenspraak', 'Beroepseer in de uitvoering']) {
      await visible(visitor.locator('.gw-meeting-card').getByRole('link', { name: title }));
    }

    const figure = visitor.locator('figure.gw-chart');
    await visible(figure.locator('figcaption', { hasText: 'Gemiddeld rapportcijfer per bijeenkomst' }));
    await visible(figure.getByRole('img', { name: /Gemiddeld rapportcijfer per bijeenkomst/ }));
    assert.equal(await figure.locator('rect.gw-chart__bar').count(), held.filter((e) => e.shown).length, 'a bar per shown mark');
    const evaluation = table(visitor, 'Rapportcijfers per bijeenkomst');
    await visible(evaluation);
    const rows = evaluation.locator('tbody tr');
    assert.equal(await rows.count(), held.length, 'a row per held meeting');
    for (const [i, e] of held.entries()) {
      const row = rows.nth(i);
      assert.equal((await row.locator('th[scope="row"]').innerText()).trim(), e.title);
      const cells = await row.locator('td').allInnerTexts();
      assert.equal(cells[1]?.trim(), String(e.respondents), `respondents of ${e.title}`);
      assert.equal(cells[2]?.trim(), e.shown ? e.markText : 'te weinig antwoorden', `mark of ${e.title}`);
    }
    assert.deepEqual(
      held.map((e) => e.markText),
      ['8,1', '7,6', '8,4'],
      'the demo meetings as their reports give them',
    );
    // The table scrolls in its own region, reachable by keyboard and named by its caption.
    const region = visitor.getByRole('region', { name: 'Rapportcijfers per bijeenkomst' });
    assert.equal(await region.getAttribute('tabindex'), '0');
  });

  it('[PG-24] [PG-25] [PG-26] the tensions matrix is a table with row and column headers and a count per cell; the cases show their meetings and shifts; the themes are suggestions only', async () => {
    const { fields, cells, pairs } = trendsNl.trends.tensions;
    const matrix = table(visitor, 'Aantal deelnemers dat twee verantwoordelijkheden als botsend noemde');
    await visible(matrix);
    assert.equal(await matrix.locator('thead th[scope="col"]').count(), fields.length, 'a column header per field');
    assert.equal(await matrix.locator('tbody th[scope="row"]').count(), fields.length, 'a row header per field');
    // Every cell off the diagonal holds its count as text: the shade is never the only cue.
    for (const [i, row] of cells.entries()) {
      const shown = await matrix.locator('tbody tr').nth(i).locator('td').allInnerTexts();
      row.forEach((cell, j) => {
        if (i !== j) assert.equal(shown[j]?.trim(), String(cell.count), `${fields[i]?.label} × ${fields[j]?.label}`);
      });
    }
    assert.equal(await matrix.getByRole('columnheader', { name: fields[0]!.label }).count(), 1, 'a column header is named by its field');
    const top = visitor.getByRole('list', { name: 'Het vaakst genoemd' });
    await visible(top.getByText(pairs[0]!.text));
    assert.equal(await top.getByRole('listitem').count(), Math.min(5, pairs.length));

    const cases = visitor.locator('.gw-case-trend');
    assert.equal(await cases.count(), trendsNl.trends.cases.used.length);
    const first = trendsNl.trends.cases.used[0]!;
    const card = cases.filter({ has: visitor.getByRole('link', { name: first.title }) });
    await visible(card.getByText(`Gebruikt in ${first.meetings} bijeenkomsten`));
    await visible(card.getByText(first.shifts[0]!.text).first());
    await visible(heading(visitor, 'Alle deelnemers samen, per bijeenkomst', 4));

    await visible(heading(visitor, 'Voorstellen van de software', 4));
    await visible(visitor.getByText('Dit zijn suggesties: een persoon heeft ze nog niet bevestigd.'));
    await visible(visitor.getByText(trendsNl.themeSuggestions[0]!.label, { exact: true }));
    assert.equal(await visitor.getByRole('checkbox').count(), 0, 'a visitor cannot confirm themes');
    assert.equal(await button(visitor, 'Bevestigen').count(), 0);
    assert.equal(await button(visitor, /^Afronden/).count(), 0, 'a visitor cannot close follow-ups');
    assert.equal(await heading(visitor, 'Afspraak toevoegen').count(), 0);
    await visible(visitor.getByText('Er zijn nog geen afspraken vastgelegd.'));
    assert.equal(await visitor.locator('main').getByText(/goed-werk-hub-2014|groep-\d/).count(), 0, 'no raw ids on the page');
    await axe(visitor, 'visitor-nl-1280');
  });

  it('[PG-20] the calendar link downloads an .ics file with the dates of the meetings', async () => {
    const link = visitor.getByRole('link', { name: 'Agenda-bestand (.ics)' });
    assert.equal(await link.getAttribute('href'), `/api/programmes/${PROGRAMME}/meetings.ics`);
    const [download] = await Promise.all([visitor.waitForEvent('download', { timeout: WAIT }), link.click()]);
    assert.equal(download.suggestedFilename(), `${PROGRAMME}.ics`);
    const ics = (await readFile(await download.path(), 'utf8')).replace(/\r\n /g, '');
    assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
    const programme = (await (await fetch(`${server.url}/api/programmes/${PROGRAMME}`)).json()) as ProgrammeResponse;
    const dates = programme.meetings.flatMap((m) => (m.spec.date ? [m.spec.date.replaceAll('-', '')] : []));
    assert.ok(dates.length >= 3);
    for (const date of ['20140123', '20140522', '20141009', ...dates]) assert.ok(ics.includes(`DTSTART;VALUE=DATE:${date}`), `the calendar has ${date}`);
    for (const title of ['Loyaliteit en tegenspraak', 'Beroepseer in de uitvoering']) assert.ok(ics.includes(`SUMMARY:${title}`), `the calendar names ${title}`);
  });

  it('[PG-22] [PG-23] [PG-29] in English the page, the marks and the trends read in English; the themes stay those of the Dutch lessons', async () => {
    const english = (await (await fetch(`${server.url}/api/programmes/${PROGRAMME}/trends?lang=en`)).json()) as ProgrammeTrendsResponse;
    assert.deepEqual(
      english.themeSuggestions.map((s) => s.label),
      trendsNl.themeSuggestions.map((s) => s.label),
      'the lessons are Dutch whatever the page language',
    );
    await button(visitor, 'English').click();
    await visible(heading(visitor, 'What the meetings show together', 2));
    await visible(heading(visitor, 'Roadmap Good Work in Public Administration', 1));
    const evaluation = table(visitor, 'Marks per meeting');
    await visible(evaluation.getByText('8.1', { exact: true }));
    await visible(table(visitor, 'Number of participants who named two responsibilities as clashing'));
    await visible(visitor.getByRole('link', { name: 'Calendar file (.ics)' }));
    await visible(heading(visitor, 'Agreements', 2));
    await visible(visitor.getByText(trendsNl.themeSuggestions[0]!.label, { exact: true }));
    assert.equal(await visitor.getAttribute('html', 'lang'), 'en');
    await axe(visitor, 'visitor-en-1280');
    await button(visitor, 'Nederlands').click();
    await visible(heading(visitor, 'Wat de bijeenkomsten samen laten zien', 2));
  });

  it('[PG-26] a programme manager confirms two suggested themes; after a reload they show as confirmed, to everyone', async () => {
    await signIn(manager, MANAGER.email);
    await openProgramme(manager);
    const form = manager.getByRole('group', { name: "Voorgestelde thema's" });
    await visible(form);
    const boxes = form.getByRole('checkbox');
    assert.equal(await boxes.count(), trendsNl.themeSuggestions.length);
    assert.equal(await manager.getByRole('checkbox', { checked: true }).count(), 0, 'nothing confirmed yet');
    await axe(manager, 'manager-themes-nl-1280');

    confirmedLabels = trendsNl.themeSuggestions.slice(0, 2).map((s) => s.label);
    for (const label of confirmedLabels) await form.getByRole('checkbox', { name: label, exact: true }).check();
    await button(manager, 'Bevestigen').click();
    await visible(status(manager, "2 thema's bevestigd."));
    const tags = manager.getByRole('list', { name: "Bevestigde thema's" });
    assert.deepEqual((await tags.getByRole('listitem').allInnerTexts()).map((s) => s.replace('✓', '').trim()), confirmedLabels);

    await manager.reload();
    await visible(manager.getByRole('list', { name: "Bevestigde thema's" }));
    assert.deepEqual(
      (await manager.getByRole('list', { name: "Bevestigde thema's" }).getByRole('listitem').allInnerTexts()).map((s) => s.replace('✓', '').trim()),
      confirmedLabels,
    );
    for (const label of confirmedLabels) assert.equal(await manager.getByRole('checkbox', { name: label, exact: true }).isChecked(), true, `${label} stays ticked`);
    await visible(manager.getByText('Door een persoon bevestigd, gekozen uit de voorstellen van de software.'));
    await axe(manager, 'manager-confirmed-nl-1280');

    const stored = (await (await fetch(`${server.url}/api/programmes/${PROGRAMME}/trends?lang=nl`)).json()) as ProgrammeTrendsResponse;
    assert.deepEqual(stored.confirmedThemes, confirmedLabels, 'the server keeps the two themes');
    await openProgramme(visitor);
    const seen = visitor.getByRole('list', { name: "Bevestigde thema's" });
    await visible(seen);
    assert.deepEqual((await seen.getByRole('listitem').allInnerTexts()).map((s) => s.replace('✓', '').trim()), confirmedLabels);
  });

  it('[PG-21] a facilitator adds a follow-up (an empty one is refused) and marks it done; the status is announced and kept', async () => {
    await signIn(facilitator, FACILITATOR.email);
    await openProgramme(facilitator);
    assert.equal(await button(facilitator, 'Bevestigen').count(), 0, 'a facilitator does not confirm themes');
    await visible(heading(facilitator, 'Afspraak toevoegen', 3));
    await button(facilitator, 'Afspraak toevoegen').click();
    await visible(facilitator.getByRole('alert').filter({ hasText: 'Schrijf op wat er is afgesproken.' }));
    const text = facilitator.getByLabel('Afspraak', { exact: true });
    assert.equal(await text.getAttribute('aria-invalid'), 'true');
    assert.equal(await text.evaluate((e) => e === e.ownerDocument.activeElement), true, 'the focus goes to the empty field');
    await axe(facilitator, 'facilitator-error-nl-1280');

    await facilitator.getByLabel('Bijeenkomst', { exact: true }).selectOption('goed-werk-hub-2014-05');
    await text.fill(AGREEMENT);
    await facilitator.getByLabel('Eigenaar (rol)', { exact: true }).fill('teamleider');
    await facilitator.getByLabel(/^Terugkijken op/).fill('2015-01-15');
    await button(facilitator, 'Afspraak toevoegen').click();
    await visible(status(facilitator, `De afspraak ‘${AGREEMENT}’ is toegevoegd.`));
    const followUps = table(facilitator, 'Afspraken uit de bijeenkomsten');
    const row = followUps.locator('tbody tr', { hasText: AGREEMENT });
    await visible(row);
    assert.deepEqual(
      (await row.locator('td').allInnerTexts()).map((s) => s.trim()),
      ['teamleider', '15 januari 2015', 'Loyaliteit en tegenspraak (22 mei 2014)', 'Open', 'Afronden'],
    );
    assert.equal(await text.inputValue(), '', 'the form is emptied');
    await axe(facilitator, 'facilitator-added-nl-1280');

    await button(facilitator, `Afronden: ${AGREEMENT}`).click();
    await visible(status(facilitator, `De afspraak ‘${AGREEMENT}’ is afgerond.`));
    await visible(row.getByText('Afgerond', { exact: true }));
    await visible(button(facilitator, `Heropenen: ${AGREEMENT}`));
    await axe(facilitator, 'facilitator-done-nl-1280');

    await facilitator.reload();
    await visible(table(facilitator, 'Afspraken uit de bijeenkomsten').locator('tbody tr', { hasText: AGREEMENT }).getByText('Afgerond', { exact: true }));
    const stored = (await (await fetch(`${server.url}/api/programmes/${PROGRAMME}`)).json()) as ProgrammeResponse;
    assert.deepEqual(
      stored.followUps.map((f) => [f.text, f.ownerRole, f.reviewDate, f.meetingId, f.status]),
      [[AGREEMENT, 'teamleider', '2015-01-15', 'goed-werk-hub-2014-05', 'done']],
    );
    // A visitor reads the table, without buttons.
    await openProgramme(visitor);
    await visible(table(visitor, 'Afspraken uit de bijeenkomsten').getByText('Afgerond', { exact: true }));
    assert.equal(await button(visitor, /^(Afronden|Heropenen)/).count(), 0);
    await axe(visitor, 'visitor-follow-up-nl-1280');
  });

  it('[PG-27] a programme manager starts a programme from the programmes page; others are not offered the link', async () => {
    await facilitator.goto(`${server.url}/programmes`);
    await visible(heading(facilitator, "Programma's", 1));
    assert.equal(await facilitator.getByRole('link', { name: 'Nieuw programma starten' }).count(), 0, 'a facilitator is not offered the form');
    await facilitator.goto(`${server.url}/programmes/new`);
    await visible(heading(facilitator, 'Geen toegang', 1));

    await manager.goto(`${server.url}/programmes`);
    await manager.getByRole('link', { name: 'Nieuw programma starten' }).click();
    await manager.waitForURL(`${server.url}/programmes/new`);
    await visible(heading(manager, 'Nieuw programma starten', 1));
    await axe(manager, 'new-nl-1280');
    await button(manager, 'Programma starten').click();
    await visible(manager.getByRole('alert').filter({ hasText: 'Geef het programma een titel.' }));
    await axe(manager, 'new-error-nl-1280');

    await manager.getByLabel('Titel', { exact: true }).fill('Integriteit in de uitvoering 2027');
    const slug = manager.getByLabel('Naam in het webadres');
    assert.equal(await slug.inputValue(), 'integriteit-in-de-uitvoering-2027', 'the web-address name follows the title');
    await manager.getByLabel(/^Thema/).fill('Moreel beraad in uitvoerende teams');
    await manager.getByLabel(/^Mogelijk gemaakt door/).fill('Ministerie van BZK');
    await manager.getByLabel(/^Plaats/).fill('Zwolle');
    await button(manager, 'Programma starten').click();
    await manager.waitForURL(`${server.url}/programmes/integriteit-in-de-uitvoering-2027`);
    await visible(heading(manager, 'Integriteit in de uitvoering 2027', 1));
    const facts = manager.locator('.gw-programme-facts');
    for (const value of ['Moreel beraad in uitvoerende teams', 'Ministerie van BZK', 'Zwolle']) await visible(facts.getByText(value));
    assert.equal(await manager.getByRole('link', { name: 'Agenda-bestand (.ics)' }).count(), 0, 'no calendar without a dated meeting');
    await visible(manager.getByText('Er is nog geen bijeenkomst gehouden.', { exact: false }));
    await visible(manager.getByText('Een afspraak hoort bij een bijeenkomst; dit programma heeft nog geen bijeenkomsten.'));
    await axe(manager, 'new-made-nl-1280');

    // The same web-address name again is refused, on the field.
    await manager.goto(`${server.url}/programmes/new`);
    await manager.getByLabel('Titel', { exact: true }).fill('Integriteit in de uitvoering 2027');
    await button(manager, 'Programma starten').click();
    await visible(manager.getByRole('alert').filter({ hasText: 'Er is al een programma met deze naam in het webadres.' }));
    assert.equal(await manager.getByLabel('Naam in het webadres').getAttribute('aria-invalid'), 'true');
  });

  it('[PG-28] on a phone (390 and 320 px) the page never scrolls sideways: the tables scroll in their own region', async () => {
    const phone = await open('phone', { width: 390, height: 844 }, true);
    await openProgramme(phone);
    await axe(phone, 'phone-nl-390', { phone: true });
    for (const name of ['Rapportcijfers per bijeenkomst', 'Aantal deelnemers dat twee verantwoordelijkheden als botsend noemde', 'Afspraken uit de bijeenkomsten']) {
      const region = phone.getByRole('region', { name });
      await visible(region);
      assert.equal(await region.getAttribute('tabindex'), '0', `${name} scrolls by keyboard too`);
    }
    const matrix = phone.getByRole('region', { name: 'Aantal deelnemers dat twee verantwoordelijkheden als botsend noemde' });
    assert.ok(await matrix.evaluate((e) => e.scrollWidth > e.clientWidth), 'the matrix scrolls inside its region');
    await button(phone, 'English').click();
    await visible(heading(phone, 'What the meetings show together', 2));
    await axe(phone, 'phone-en-390', { phone: true });
    await button(phone, 'Nederlands').click();
    await visible(heading(phone, 'Wat de bijeenkomsten samen laten zien', 2));

    const staffPhone = await open('programme manager, phone', { width: 390, height: 844 }, true);
    await signIn(staffPhone, MANAGER.email);
    await openProgramme(staffPhone);
    await axe(staffPhone, 'manager-phone-nl-390', { phone: true });
    await staffPhone.goto(`${server.url}/programmes/new`);
    await visible(heading(staffPhone, 'Nieuw programma starten', 1));
    await axe(staffPhone, 'new-phone-nl-390', { phone: true });

    const narrow = await open('narrow phone', { width: 320, height: 740 }, true);
    await openProgramme(narrow);
    await axe(narrow, 'phone-nl-320', { phone: true });
  });

  it('[PG-28] no script errors and no Content-Security-Policy violations on the programme pages', () => {
    assert.deepEqual(problems, []);
  });

  it('[PG-28] axe finds no WCAG 2.1 AA violations in any state, in Dutch and English', () => {
    assert.ok(statesScanned >= 15, `scanned ${statesScanned} states`);
    assert.equal(violations, 0, violationDetails.join('\n'));
  });
});
