import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { loadDemo } from '../packages/server/src/demo.ts';
import { startTestServer, type TestServer } from '../packages/server/src/test-harness.ts';
import { launchChromium, scanAxe } from './browser.ts';

const webRoot = fileURLToPath(new URL('../packages/web/dist', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const WAIT = 10_000;

/**
 * A live meeting in six browsers at once: the facilitator's console, the presentation screen and
 * four phones. Every screen is scanned with axe in every state it passes through.
 */
describe('browser: a live meeting with a console, a presentation screen and four phones', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let statesScanned = 0;
  let violations = 0;
  const violationDetails: string[] = [];

  let meetingId = '';
  let facilitatorToken = '';
  let screenToken = '';
  let joinCode = '';
  let joinLink = '';
  let console_: Page;
  let screen: Page;
  let phones: Page[] = [];
  const offline = new Set<Page>();

  /** Scans a page as it is now with axe and keeps a screenshot; every state counts toward the figures. */
  async function axe(page: Page, state: string) {
    if (phones.includes(page)) {
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.equal(overflow, 0, `no horizontal scrolling at 360 px (${state})`);
    }
    const result = await scanAxe(page);
    statesScanned++;
    violations += result.violations;
    violationDetails.push(...result.details.map((d) => `${state}: ${d}`));
    await page.screenshot({ path: `${shots}live-${state}.png`, fullPage: true });
    assert.deepEqual(result.details, [], `axe on ${state}`);
  }

  async function open(viewport: { width: number; height: number }, phone = false): Promise<Page> {
    const context = await browser.newContext(phone ? { viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { viewport });
    contexts.push(context);
    context.setDefaultTimeout(WAIT);
    const page = await context.newPage();
    const name = `page ${contexts.length}`;
    // Script errors and Content-Security-Policy violations show up here: there must be none.
    page.on('console', (m) => {
      // While a phone is deliberately offline, Chromium logs its failed reconnection attempts: the
      // ticket fetch before each one (AC-15), or a socket.
      const offlineAttempt = /WebSocket connection .* failed|Failed to load resource: net::ERR_INTERNET_DISCONNECTED/;
      if (m.type() === 'error' && !(offline.has(page) && offlineAttempt.test(m.text()))) problems.push(`${name}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${name}: ${e.message}`));
    return page;
  }

  const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: WAIT });
  const gone = (locator: Locator) => locator.first().waitFor({ state: 'detached', timeout: WAIT });
  const heading = (page: Page, name: string | RegExp, level?: number) =>
    page.getByRole('heading', level === undefined ? { name } : { name, level });
  const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name });

  /** Presses Tab until the focused element matches `selector`: a keyboard-only way to a field. */
  async function tabTo(page: Page, selector: string, max = 40) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate<boolean>(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
    }
    assert.fail(`Tab never reached ${selector}`);
  }

  /** The count in a row of a results table (option label → count). */
  async function distribution(page: Page): Promise<Record<string, number>> {
    const table = page.locator('table.gw-distribution').first();
    await visible(table);
    const rows: Record<string, number> = {};
    for (const row of await table.locator('tbody tr').all()) {
      const label = (await row.locator('th').textContent()) ?? '';
      rows[label] = Number(await row.locator('.gw-distribution__number').textContent());
    }
    return rows;
  }

  /** Drops every live connection on the server, as a network failure would. */
  function dropAllConnections() {
    const wss = (server.app as unknown as { websocketServer: { clients: Set<{ terminate(): void }> } }).websocketServer;
    for (const socket of wss.clients) socket.terminate();
  }

  async function goToStep(title: string) {
    await button(console_, `Ga naar: ${title}`).click();
    await visible(console_.locator('.gw-console-now__step', { hasText: title }));
  }

  before(async () => {
    assert.ok(existsSync(`${webRoot}/index.html`), 'the web client is built (npm run build)');
    await mkdir(shots, { recursive: true });
    server = await startTestServer({ webRoot });
    await loadDemo(server.store, server.engine, server.content);
    const method = server.content.methods.get('goed-werk-hub');
    assert.ok(method);
    const demo = server.content.programmes[0]?.meetings[0];
    assert.ok(demo);
    const made = await server.engine.createMeeting({ ...demo.spec, programmeId: server.content.programmes[0]!.programme.id }, method);
    meetingId = made.meetingId;
    facilitatorToken = made.facilitatorToken;
    screenToken = made.screenToken;
    browser = await launchChromium();
    console_ = await open({ width: 1280, height: 900 });
    screen = await open({ width: 1920, height: 1080 });
    for (let i = 0; i < 4; i++) phones.push(await open({ width: 360, height: 740 }, true));
  });

  after(async () => {
    console.log(`FIGURE axe_states_scanned=${statesScanned}`);
    console.log(`FIGURE axe_violations=${violations}`);
    for (const detail of violationDetails) console.log(`# axe: ${detail}`);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('[E2E-8] the facilitator opens the console with the secret link, opens the meeting, and the screen shows the code and QR code', async () => {
    await console_.goto(`${server.url}/console/${meetingId}#token=${facilitatorToken}`);
    await visible(heading(console_, 'Professionaliteit en moraliteit', 1));
    assert.ok(!console_.url().includes('#token'), 'the secret token leaves the address bar');
    await axe(console_, 'console-draft');

    await button(console_, 'Openen voor deelnemers').click();
    const code = console_.locator('.gw-join-facts__code');
    await visible(code);
    joinCode = ((await code.textContent()) ?? '').replace(/\s/g, '');
    assert.match(joinCode, /^[A-HJKMNP-Z2-9]{8}$/, 'an 8-character code without look-alike characters');
    joinLink = ((await console_.locator('.gw-join-facts__link').textContent()) ?? '').trim();
    assert.match(joinLink, /\/j\/[A-Za-z0-9_-]{20,}$/);
    await visible(console_.locator('img.gw-console-qr'));
    await axe(console_, 'console-open');

    await screen.goto(`${server.url}/screen/${meetingId}#token=${screenToken}`);
    await visible(screen.locator('.gw-screen__code', { hasText: `${joinCode.slice(0, 4)} ${joinCode.slice(4)}` }));
    const qr = screen.locator('img.gw-screen__qr');
    await visible(qr);
    assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/png;base64,/);
    assert.ok(!screen.url().includes('#token'));
    assert.equal(await screen.locator('header.utrecht-page-header, nav').count(), 0, 'no site chrome on the projector');
    await axe(screen, 'screen-open');
  });

  it('[E2E-9] two phones join by code and two by the QR link, each agreeing to the confidentiality rule', async () => {
    const [anna, keyboard, bram, late] = phones as [Page, Page, Page, Page];
    // By code, with the mistakes people make when copying it (lower case, a space).
    await anna.goto(`${server.url}/join`);
    await anna.getByLabel('Code van de bijeenkomst').fill(`${joinCode.slice(0, 4).toLowerCase()} ${joinCode.slice(4)}`);
    await button(anna, 'Deelnemen').click();
    await visible(heading(anna, 'Afspraak over vertrouwelijkheid'));
    await anna.waitForURL(new RegExp(`/m/${meetingId}$`));
    await axe(anna, 'phone-agreement');
    await button(anna, 'Meedoen').click();
    await visible(anna.getByRole('alert').filter({ hasText: 'Vink aan' }));
    await axe(anna, 'phone-agreement-error');
    await anna.getByLabel('Ik houd me aan deze afspraak').check();
    await anna.getByLabel('Je naam (niet verplicht)').fill('Anna');
    await button(anna, 'Meedoen').click();
    await visible(heading(anna, 'We beginnen zo'));
    await axe(anna, 'phone-waiting');

    // By code, with the keyboard alone.
    await keyboard.goto(`${server.url}/join`);
    await visible(keyboard.locator('#join-code'));
    await tabTo(keyboard, '#join-code');
    await keyboard.keyboard.type(joinCode);
    await keyboard.keyboard.press('Enter');
    await visible(keyboard.locator('#agreement-accept'));
    await tabTo(keyboard, '#agreement-accept');
    await keyboard.keyboard.press('Space');
    await tabTo(keyboard, 'button[type=submit]');
    await keyboard.keyboard.press('Enter');
    await visible(heading(keyboard, 'We beginnen zo'));

    // By the QR code's link.
    await bram.goto(joinLink);
    await visible(heading(bram, 'Afspraak over vertrouwelijkheid'));
    assert.ok(!bram.url().includes('/j/'), 'the join token leaves the address bar');
    await bram.getByLabel('Ik houd me aan deze afspraak').check();
    await bram.getByLabel('Je naam (niet verplicht)').fill('Bram');
    await button(bram, 'Meedoen').click();
    await visible(heading(bram, 'We beginnen zo'));

    // The fourth is still reading the agreement when the facilitator locks the meeting.
    await late.goto(joinLink);
    await visible(heading(late, 'Afspraak over vertrouwelijkheid'));
    await button(console_, 'Op slot doen').click();
    await visible(heading(late, 'De bijeenkomst is op slot'));
    await gone(screen.locator('.gw-screen__code'));
    await axe(late, 'phone-locked');
    await axe(screen, 'screen-locked');
    await button(console_, 'Van het slot halen').click();
    await visible(heading(late, 'Afspraak over vertrouwelijkheid'));
    await late.getByLabel('Ik houd me aan deze afspraak').check();
    await button(late, 'Meedoen').click();
    await visible(heading(late, 'We beginnen zo'));

    await visible(heading(console_, 'Deelnemers (4)'));
    for (const name of ['Anna', 'Deelnemer 2', 'Bram', 'Deelnemer 4']) await visible(console_.locator('.gw-people__name', { hasText: name }));
    await visible(screen.getByText('4 deelnemers'));
    assert.equal(await screen.getByText('Anna').count(), 0, 'names are the facilitator’s only');
    await axe(console_, 'console-participants');
  });

  it('[E2E-10] starting shows the first step everywhere, and a timer runs on every screen', async () => {
    await button(console_, 'Bijeenkomst starten').click();
    for (const page of [...phones, screen]) await visible(heading(page, 'Welkom en spelregels'));
    await axe(phones[0]!, 'phone-info');

    await console_.getByLabel('Minuten').fill('2');
    await button(console_, 'Timer starten').click();
    for (const page of [console_, screen, ...phones]) {
      await visible(page.locator('.gw-timer__value', { hasText: /^(2:00|1:[0-5]\d)$/ }));
    }
    await axe(screen, 'screen-info-timer');
    await axe(phones[1]!, 'phone-info-timer');

    await button(console_, 'Pauzeren').click();
    await visible(screen.locator('.gw-timer__state', { hasText: 'gepauzeerd' }));
    await visible(phones[2]!.locator('.gw-timer__state', { hasText: 'gepauzeerd' }));
    await button(console_, '+1 minuut').click();
    await visible(screen.locator('.gw-timer__value', { hasText: /^(3:00|2:[0-5]\d)$/ }));
    await button(console_, 'Hervatten').click();
    await gone(screen.locator('.gw-timer--paused'));
    await axe(console_, 'console-timer');

    // A responsibility map is filled in on the phones (the whole round: e2e/rounds.test.ts).
    await goToStep('Voor wie of wat voel jij je verantwoordelijk?');
    await visible(heading(phones[0]!, 'Verantwoordelijkheid toevoegen'));
    await visible(screen.getByText('0 antwoorden tot nu toe'));
    await axe(phones[0]!, 'phone-map');
  });

  it('[E2E-11] on a plenary cards step each phone adds cards; the screen shows them only after reveal', async () => {
    await goToStep('Waardering uitspreken');
    const texts = ['Het team bleef rustig onder druk.', 'Ik mis soms eerlijke feedback.', 'Dank voor de open vragen.', 'Meer tijd voor reflectie.'];
    for (const [i, phone] of phones.entries()) {
      await visible(heading(phone, 'Waardering uitspreken'));
      if (i === 1) await phone.getByLabel('Eerlijke feedback').check();
      await phone.getByLabel('Je kaartje').fill(texts[i]!);
      await button(phone, 'Kaartje toevoegen').click();
      await visible(heading(phone, 'Jouw kaartje (1)'));
    }
    await axe(phones[1]!, 'phone-cards');
    await visible(screen.getByText('4 kaartjes tot nu toe'));
    await visible(console_.getByText(/4 kaartjes/));

    // The network drops; one phone stays offline and writes a card meanwhile: it waits in the
    // outbox (also across the reconnect of everyone else) and arrives once when the phone is back.
    const late = phones[3]!;
    offline.add(late);
    await late.context().setOffline(true);
    dropAllConnections();
    await visible(late.getByText('De verbinding is even weg'));
    await late.getByLabel('Je kaartje').fill('Geschreven zonder verbinding.');
    await button(late, 'Kaartje toevoegen').click();
    await visible(late.getByText('Je antwoord wordt verstuurd zodra de verbinding terug is.'));
    await visible(late.locator('.gw-idea-card__state', { hasText: 'Wordt verstuurd…' }));
    await axe(late, 'phone-reconnecting');
    await late.context().setOffline(false);
    await gone(late.locator('.gw-idea-card__state'));
    await gone(late.getByText('De verbinding is even weg'));
    offline.delete(late);
    texts.push('Geschreven zonder verbinding.');
    await visible(console_.getByText(/5 kaartjes/));
    await visible(screen.getByText('5 kaartjes tot nu toe'));
    assert.equal(await screen.locator('.gw-idea-card').count(), 0, 'no cards on the screen before reveal');
    assert.equal(await phones[0]!.getByText(texts[1]!).count(), 0, 'no one sees another’s card before reveal');
    await axe(screen, 'screen-cards-hidden');

    await button(console_, 'Resultaten tonen').click();
    for (const text of texts) await visible(screen.locator('.gw-idea-card', { hasText: text }));
    await visible(phones[0]!.locator('.gw-live-results .gw-idea-card', { hasText: texts[1]! }));
    await visible(screen.getByRole('heading', { name: 'Eerlijke feedback' }));
    await axe(screen, 'screen-cards-revealed');
    await axe(phones[0]!, 'phone-cards-revealed');
    await axe(console_, 'console-cards-revealed');

    await button(console_, 'Invoer sluiten').click();
    await visible(phones[2]!.getByText('De invoer voor deze stap is gesloten.'));
    await gone(phones[2]!.getByLabel('Je kaartje'));
    await axe(phones[2]!, 'phone-input-closed');
  });

  it('[E2E-17] a scale step: each item from its min to its max; means are shown only from three answers, after reveal', async () => {
    await goToStep('Hoe was deze bijeenkomst?');
    const useful = 'De bijeenkomst was nuttig voor mijn werk.';
    const mark = 'Welk rapportcijfer geef je deze bijeenkomst?';
    for (const [i, phone] of phones.slice(0, 3).entries()) {
      await visible(heading(phone, 'Hoe was deze bijeenkomst?'));
      assert.equal(await phone.getByRole('group', { name: mark }).getByRole('radio').count(), 10, 'a mark from 1 to 10');
      await phone.getByRole('group', { name: useful }).getByLabel(String(3 + i), { exact: true }).check();
      await phone.getByRole('group', { name: mark }).getByLabel('8', { exact: true }).check();
      await button(phone, 'Antwoorden versturen').click();
      await visible(phone.getByText('Je antwoorden zijn opgeslagen.'));
    }
    await axe(phones[0]!, 'phone-scale');
    await visible(screen.getByText('3 antwoorden tot nu toe'));
    assert.equal(await screen.locator('table.gw-distribution').count(), 0);
    await button(console_, 'Resultaten tonen').click();
    const table = screen.locator('table.gw-distribution');
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await visible(table.getByRole('row', { name: new RegExp(`^${escape(useful)} 4 \\(van 1 tot 5\\) 3$`) }));
    await visible(table.getByRole('row', { name: new RegExp(`^${escape(mark)} 8 \\(van 1 tot 10\\) 3$`) }));
    await axe(screen, 'screen-scale-revealed');
  });

  it('[E2E-12] a plenary choice stays hidden until revealed; a changed vote replaces the first; a proxy answer counts', async () => {
    await goToStep('Belangstelling voor een vervolg');
    const [anna, keyboard, bram, late] = phones as [Page, Page, Page, Page];
    for (const [phone, option] of [[anna, 'Ja'], [bram, 'Misschien'], [late, 'Nee']] as const) {
      await visible(heading(phone, 'Belangstelling voor een vervolg'));
      await phone.getByLabel(option, { exact: true }).check();
      await button(phone, 'Keuze versturen').click();
      await visible(phone.getByText(`Je keuze is opgeslagen: ${option}.`));
    }
    await axe(anna, 'phone-choice-saved');
    // The keyboard user chooses with the arrow keys.
    await visible(heading(keyboard, 'Belangstelling voor een vervolg'));
    await visible(keyboard.locator('input[type=radio]'));
    await tabTo(keyboard, 'input[type=radio]');
    await keyboard.keyboard.press('Space');
    await tabTo(keyboard, 'button[type=submit]');
    await keyboard.keyboard.press('Enter');
    await visible(keyboard.getByText('Je keuze is opgeslagen: Ja.'));
    // A change of mind replaces the earlier vote.
    await late.getByLabel('Misschien', { exact: true }).check();
    await button(late, 'Keuze wijzigen').click();
    await visible(late.getByText('Je keuze is opgeslagen: Misschien.'));
    // Someone without a phone answers through the facilitator.
    await console_.getByLabel('Keuze', { exact: true }).selectOption({ label: 'Nee' });
    await button(console_, 'Antwoord toevoegen').click();
    await visible(console_.getByText('5 antwoorden · waarvan 1 namens iemand'));
    await visible(screen.getByText('5 antwoorden tot nu toe'));
    await axe(console_, 'console-choice-hidden');

    // Hidden: neither the phones nor the screen have a distribution.
    for (const page of [screen, ...phones]) assert.equal(await page.locator('table.gw-distribution').count(), 0, 'no distribution before reveal');
    await axe(screen, 'screen-choice-hidden');

    // A reload brings a participant back as themselves, with their answer.
    await anna.reload();
    await visible(anna.getByText('Je keuze is opgeslagen: Ja.'));
    await visible(heading(console_, 'Deelnemers (4)'));

    await button(console_, 'Resultaten tonen').click();
    const expected = { Ja: 2, Misschien: 2, Nee: 1 };
    assert.deepEqual(await distribution(screen), expected);
    assert.deepEqual(await distribution(anna), expected);
    await axe(screen, 'screen-choice-revealed');
    await axe(anna, 'phone-choice-revealed');
    // The same live page in English, then back to Dutch.
    await button(bram, 'English').click();
    await visible(heading(bram, 'Interest in a follow-up'));
    await visible(bram.getByText('Your choice has been saved: Maybe.'));
    assert.deepEqual(await distribution(bram), { Yes: 2, Maybe: 2, No: 1 });
    await axe(bram, 'phone-choice-revealed-en');
    await button(bram, 'Nederlands').click();
    await visible(heading(bram, 'Belangstelling voor een vervolg'));
    await button(console_, 'Resultaten verbergen').click();
    await gone(screen.locator('table.gw-distribution'));
    await gone(bram.locator('table.gw-distribution'));
    await button(console_, 'Resultaten tonen').click();
    await visible(screen.locator('table.gw-distribution'));
  });

  it('[E2E-13] small groups: proposed by size, adjusted by hand, with a scribe; each group writes its note; report-back on the screen', async () => {
    const [anna, keyboard, bram, late] = phones as [Page, Page, Page, Page];
    await console_.getByLabel('Groepsgrootte').fill('2');
    await button(console_, 'Indeling voorstellen').click();
    await visible(console_.getByRole('table', { name: 'Indeling' }));
    // Anna and participant 2 together, Bram and participant 4 together.
    await console_.getByLabel('Groepje voor Anna').selectOption({ label: 'Groep 1' });
    await console_.getByLabel('Groepje voor Deelnemer 2').selectOption({ label: 'Groep 1' });
    await console_.getByLabel('Groepje voor Bram').selectOption({ label: 'Groep 2' });
    await console_.getByLabel('Groepje voor Deelnemer 4').selectOption({ label: 'Groep 2' });
    await axe(console_, 'console-groups-draft');
    await button(console_, 'Groepjes vormen').click();
    await visible(console_.locator('.gw-group-card', { hasText: 'Groep 2' }));
    await console_.locator('.gw-group-card', { hasText: 'Groep 2' }).getByLabel('Schrijver').selectOption({ label: 'Bram' });

    await goToStep('Het dilemma formuleren');
    await visible(anna.getByText('Groep 1'));
    await visible(anna.locator('.gw-live-case', { hasText: 'Rapport in de la' }));
    await visible(late.getByText('Een groepsgenoot is de schrijver'));
    await visible(bram.getByText('Jij bent de schrijver'));

    const one = 'Moet ik het rapport publiceren of mijn minister beschermen?';
    const two = 'Loyaal aan mijn vak of aan mijn baas?';
    await anna.getByLabel('Notitie van jullie groepje').fill(one);
    await button(anna, 'Notitie opslaan').click();
    await visible(anna.getByText('Opgeslagen.'));
    // The other member of group 1 sees the shared note follow.
    await keyboard.waitForFunction(`document.querySelector('textarea')?.value === ${JSON.stringify(one)}`, undefined, { timeout: WAIT });
    await bram.getByLabel('Notitie van jullie groepje').fill(two);
    await button(bram, 'Notitie opslaan').click();
    await visible(late.locator('.gw-note-view__text', { hasText: two }));
    await axe(anna, 'phone-group-note');
    await axe(late, 'phone-group-note-scribe');
    await visible(console_.locator('.gw-group-card', { hasText: 'Groep 1' }).getByText(/\d+ woorden/));

    // Before report-back, a group's work stays within the group.
    assert.equal(await anna.getByText(two).count(), 0, 'group 1 does not see group 2’s note');
    assert.equal(await screen.getByText(one).count(), 0, 'the screen does not show a group note before report-back');
    await axe(screen, 'screen-group-step');
    await axe(console_, 'console-group-step');

    await button(console_, 'Terugkoppeling tonen').click();
    for (const [group, text] of [['Groep 1', one], ['Groep 2', two]] as const) {
      await visible(screen.locator('.gw-group-note', { hasText: group }).getByText(text));
    }
    await visible(anna.locator('.gw-group-note', { hasText: 'Groep 2' }).getByText(two));
    await axe(screen, 'screen-report-back');
    await axe(anna, 'phone-report-back');
  });

  it('[E2E-18] a vote repeated after the conversation shows how many changed their choice, without showing who', async () => {
    const voters = phones.slice(0, 3);
    await goToStep('Wat zou jij doen? (vooraf)');
    for (const [phone, option] of voters.map((p, i) => [p, ['A', 'B', 'B'][i]!] as const)) {
      await visible(heading(phone, 'Wat zou jij doen? (vooraf)'));
      await phone.getByLabel(option, { exact: true }).check();
      await button(phone, 'Keuze versturen').click();
      await visible(phone.getByText(`Je keuze is opgeslagen: ${option}.`));
    }
    // The first vote is revealed before the conversation; the shift needs both votes readable.
    await button(console_, 'Terugkoppeling tonen').click();
    await visible(screen.locator('table.gw-distribution'));
    await goToStep('Wat zou jij doen? (achteraf)');
    for (const [phone, option] of voters.map((p, i) => [p, ['A', 'A', 'Ik twijfel nog'][i]!] as const)) {
      await visible(heading(phone, 'Wat zou jij doen? (achteraf)'));
      await phone.getByLabel(option, { exact: true }).check();
      await button(phone, 'Keuze versturen').click();
      await visible(phone.getByText(`Je keuze is opgeslagen: ${option}.`));
    }
    await visible(screen.getByText('3 antwoorden tot nu toe'));
    await button(console_, 'Terugkoppeling tonen').click();
    await visible(screen.getByText('Van de 3 mensen die beide keren stemden, kozen er 2 nu anders.'));
    await visible(screen.getByText('Van B naar A: 1 mensen').or(screen.getByText('Van B naar A: 1 persoon')));
    await axe(screen, 'screen-opinion-shift');
    await axe(phones[0]!, 'phone-opinion-shift');
  });

  it('[E2E-14] the facilitator removes a participant and closes the meeting; every screen says so', async () => {
    const late = phones[3]!;
    await button(console_, 'Verwijderen: Deelnemer 4').click();
    await button(console_, 'Ja, verwijderen').click();
    await visible(heading(late, 'Je doet niet meer mee'));
    await visible(heading(console_, 'Deelnemers (3)'));
    await axe(late, 'phone-removed');

    await button(console_, 'Bijeenkomst afsluiten').click();
    await button(console_, 'Ja, afsluiten').click();
    await visible(heading(phones[0]!, 'De bijeenkomst is afgesloten'));
    await visible(screen.getByText('Dank jullie wel voor jullie bijdrage.'));
    await axe(phones[0]!, 'phone-closed');
    await axe(screen, 'screen-closed');
    await axe(console_, 'console-closed');
  });

  it('[E2E-15] no screen logs a script error or a Content-Security-Policy violation', () => {
    assert.deepEqual(problems, []);
  });

  it('[E2E-16] axe finds no WCAG 2.1 AA violations in any state of the three screens', () => {
    assert.ok(statesScanned >= 30, `scanned ${statesScanned} states`);
    assert.equal(violations, 0);
  });
});
