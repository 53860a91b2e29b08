import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { testMethod } from '../packages/core/src/test-fixtures.ts';
import { loadDemo } from '../packages/server/src/demo.ts';
import { startTestServer, type TestServer } from '../packages/server/src/test-harness.ts';
import { launchChromium, overflow, scanAxe, smallTargets } from './browser.ts';

const webRoot = fileURLToPath(new URL('../packages/web/dist', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const WAIT = 10_000;
/** How many Tab presses may lead to one control: the console is long, but not endless. */
const MAX_TABS = 250;

/**
 * [A11Y-1, A11Y-2] A whole Goed Werk Hub by keyboard alone: the facilitator runs the console in
 * English with Tab, Enter, Space and the arrow keys, and one participant takes part on a phone in
 * Dutch the same way, through every kind of step (the map, a small group's note and grid, choices,
 * cards with a reaction, appreciation, the evaluation's scales). Two more phones answer with the
 * mouse, so that results pass the k threshold. Every control the keyboard reaches must show where the
 * focus is, live updates must not move the focus, and every state is scanned with axe.
 */
describe('browser: a meeting by keyboard alone, for the facilitator and for a participant', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let statesScanned = 0;
  let violations = 0;
  const violationDetails: string[] = [];
  let tabPresses = 0;
  let focusChecks = 0;

  let meetingId = '';
  let facilitatorToken = '';
  let screenToken = '';
  let console_: Page;
  let screen: Page;
  /** The participant who uses only the keyboard. */
  let kim: Page;
  /** Two participants who use the mouse. */
  let others: Page[] = [];

  async function axe(page: Page, state: string) {
    if (page === kim || others.includes(page)) {
      // The phone: nothing to scroll sideways, and every target at least 44 px high.
      const { scroll, outside } = await overflow(page);
      assert.equal(scroll, 0, `no horizontal scrolling at 360 px (${state})`);
      assert.deepEqual(outside, [], `nothing sticks out at 360 px (${state})`);
      assert.deepEqual(await smallTargets(page), [], `touch targets of at least 44 px (${state})`);
    }
    const result = await scanAxe(page);
    statesScanned++;
    violations += result.violations;
    violationDetails.push(...result.details.map((d) => `${state}: ${d}`));
    await page.screenshot({ path: `${shots}keyboard-${state}.png`, fullPage: true });
    assert.deepEqual(result.details, [], `axe on ${state}`);
  }

  async function open(viewport: { width: number; height: number }, phone = false): Promise<Page> {
    const context = await browser.newContext(phone ? { viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { viewport });
    contexts.push(context);
    context.setDefaultTimeout(WAIT);
    const page = await context.newPage();
    const name = `page ${contexts.length}`;
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${name}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${name}: ${e.message}`));
    return page;
  }

  const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: WAIT });
  const heading = (page: Page, name: string | RegExp, level?: number) => page.getByRole('heading', level === undefined ? { name } : { name, level });
  const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name });

  /** Whether an element has the focus (run in the page). */
  const hasFocus = (e: unknown) => e === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement;

  /** What the focused element is, for messages. */
  const describeFocus = (page: Page) =>
    page.evaluate<string>(`(() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' “' + (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40) + '”' : 'nothing'; })()`);

  /** The focused element shows an outline or a ring (WCAG 2.4.7): checked on every control reached. */
  async function assertFocusVisible(page: Page) {
    const shown = await page.evaluate<boolean>(`(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return false;
      const s = getComputedStyle(e);
      return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    })()`);
    focusChecks++;
    assert.ok(shown, `the focus is visible on ${await describeFocus(page)}`);
  }

  /** Presses Tab until `target` has the focus, as a keyboard user moves through the page. */
  async function tabTo(page: Page, target: Locator) {
    const element = await target.first().elementHandle({ timeout: WAIT });
    assert.ok(element, 'the target exists');
    for (let i = 0; i < MAX_TABS; i++) {
      await page.keyboard.press('Tab');
      tabPresses++;
      if (await element.evaluate(hasFocus)) {
        await assertFocusVisible(page);
        return;
      }
    }
    assert.fail(`Tab never reached the target; the focus ended on ${await describeFocus(page)}`);
  }

  /** Tab to a button or link and press Enter. */
  async function press(page: Page, target: Locator) {
    await tabTo(page, target);
    await page.keyboard.press('Enter');
  }

  /** Tab to a text field, clear it and type. */
  async function type(page: Page, target: Locator, text: string) {
    await tabTo(page, target);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(text);
  }

  /** Tab to a closed select and move through its options with the arrow keys. */
  async function select(page: Page, target: Locator, label: string | RegExp) {
    await tabTo(page, target);
    const current = () => target.first().evaluate((e) => (e as { selectedOptions: { label: string }[] }).selectedOptions[0]?.label ?? '');
    const matches = (text: string) => (typeof label === 'string' ? text === label : label.test(text));
    for (const key of ['ArrowDown', 'ArrowUp']) {
      for (let i = 0; i < 30 && !matches(await current()); i++) await page.keyboard.press(key);
    }
    assert.ok(matches(await current()), `the option ${String(label)} was reached with the arrow keys (now: ${await current()})`);
  }

  /** Tab into a radio group, then move to `target` with the arrow keys (which also checks it). */
  async function radio(page: Page, target: Locator) {
    const name = await target.first().getAttribute('name');
    assert.ok(name, 'a radio button has a group name');
    let inGroup = false;
    for (let i = 0; i < MAX_TABS && !inGroup; i++) {
      await page.keyboard.press('Tab');
      tabPresses++;
      inGroup = await page.evaluate<boolean>(`document.activeElement?.matches('input[type=radio][name=${JSON.stringify(name)}]') ?? false`);
    }
    assert.ok(inGroup, `Tab reached the radio group ${name}`);
    const focused = () => target.first().evaluate(hasFocus);
    for (let i = 0; i < 12 && !(await focused()); i++) await page.keyboard.press('ArrowDown');
    assert.ok(await focused(), 'the arrow keys reached the option');
    await page.keyboard.press('Space');
    assert.ok(await target.first().isChecked());
    await assertFocusVisible(page);
  }

  /** Tab to a checkbox and tick it with Space. */
  async function tick(page: Page, target: Locator) {
    await tabTo(page, target);
    await page.keyboard.press('Space');
    assert.ok(await target.first().isChecked());
  }

  /** Goes to a step in the console by keyboard; every screen follows. */
  async function goToStep(title: string, phoneTitle: string) {
    await press(console_, button(console_, `Go to: ${title}`));
    await visible(console_.locator('.gw-console-now__step', { hasText: title }));
    await visible(heading(screen, phoneTitle));
    for (const page of [kim, ...others]) await visible(heading(page, phoneTitle));
  }

  /** Starts the keyboard's walk at the top of the page, as after loading it. */
  async function fromTop(page: Page) {
    await page.evaluate(`(document.activeElement instanceof HTMLElement) && document.activeElement.blur()`);
  }

  /** The facilitator opens the meeting for participants by keyboard; the console shows its code and link. */
  async function openForParticipants(): Promise<{ code: string; link: string }> {
    await press(console_, button(console_, 'Open for participants'));
    const code = console_.locator('.gw-join-facts__code');
    await visible(code);
    return {
      code: ((await code.textContent()) ?? '').replace(/\s/g, ''),
      link: ((await console_.locator('.gw-join-facts__link').textContent()) ?? '').trim(),
    };
  }

  /** Kim joins by keyboard: the code, Enter, the agreement with Space, a name if given, and "Meedoen". */
  async function kimJoins(code: string, name?: string) {
    await type(kim, kim.locator('#join-code'), code);
    await kim.keyboard.press('Enter');
    await visible(heading(kim, 'Afspraak over vertrouwelijkheid'));
    await fromTop(kim);
    await tick(kim, kim.getByLabel('Ik houd me aan deze afspraak'));
    if (name !== undefined) await type(kim, kim.getByLabel('Je naam (niet verplicht)'), name);
    await press(kim, button(kim, 'Meedoen'));
    await visible(heading(kim, 'We beginnen zo'));
  }

  /** The two other phones join by the link with the mouse, and the console counts all three. */
  async function othersJoin(link: string) {
    for (const phone of others) {
      await phone.goto(link);
      await phone.getByLabel('Ik houd me aan deze afspraak').check();
      await button(phone, 'Meedoen').click();
      await visible(heading(phone, 'We beginnen zo'));
    }
    await visible(heading(console_, 'Participants (3)'));
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
    const made = await server.engine.createMeeting({ ...demo.spec, kThreshold: 3, programmeId: server.content.programmes[0]!.programme.id }, method);
    meetingId = made.meetingId;
    facilitatorToken = made.facilitatorToken;
    screenToken = made.screenToken;
    browser = await launchChromium();
    console_ = await open({ width: 1280, height: 900 });
    screen = await open({ width: 1920, height: 1080 });
    kim = await open({ width: 360, height: 740 }, true);
    for (let i = 0; i < 2; i++) others.push(await open({ width: 360, height: 740 }, true));
  });

  after(async () => {
    console.log(`# keyboard: ${tabPresses} Tab presses, the focus was visible on ${focusChecks} controls`);
    console.log(`FIGURE axe_states_scanned=${statesScanned}`);
    console.log(`FIGURE axe_violations=${violations}`);
    for (const detail of violationDetails) console.log(`# axe: ${detail}`);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('[A11Y-1] the skip link is the first stop of the keyboard and moves the focus to the main content', async () => {
    await kim.goto(`${server.url}/join`);
    await visible(kim.locator('#join-code'));
    await kim.keyboard.press('Tab');
    assert.equal(await kim.evaluate<string>(`document.activeElement?.textContent?.trim() ?? ''`), 'Direct naar de inhoud');
    await assertFocusVisible(kim);
    await kim.keyboard.press('Enter');
    assert.ok(await kim.evaluate<boolean>(`document.getElementById('main')?.contains(document.activeElement) ?? false`), 'the focus is in the main content');
    // Landmarks: one main, a banner and a content footer; headings start at level 1.
    assert.equal(await kim.getByRole('main').count(), 1);
    assert.equal(await kim.getByRole('banner').count(), 1);
    assert.equal(await kim.locator('h1').count(), 1);
  });

  it('[A11Y-2] the facilitator switches the console to English and opens the meeting by keyboard; the participant joins by keyboard', async () => {
    await console_.goto(`${server.url}/console/${meetingId}#token=${facilitatorToken}`);
    await visible(heading(console_, 'Professionaliteit en moraliteit', 1));
    await press(console_, button(console_, 'English'));
    await visible(button(console_, 'Open for participants'));
    assert.equal(await console_.getAttribute('html', 'lang'), 'en');
    await axe(console_, 'console-en-draft');
    const { code, link } = await openForParticipants();
    await axe(console_, 'console-en-open');
    await screen.goto(`${server.url}/screen/${meetingId}#token=${screenToken}`);
    await visible(screen.locator('.gw-screen__code'));

    // The participant: code, agreement, name, all by keyboard.
    await kimJoins(code, 'Kim');
    await axe(kim, 'phone-waiting');
    await othersJoin(link);
    await press(console_, button(console_, 'Start the meeting'));
    for (const page of [kim, ...others]) await visible(heading(page, 'Welkom en spelregels'));
    await axe(console_, 'console-en-running');
  });

  it('[A11Y-2] the responsibility map by keyboard: two responsibilities and a tension; the reveal has a table', async () => {
    await goToStep('Whom or what do you feel responsible for?', 'Voor wie of wat voel jij je verantwoordelijk?');
    const mine: [string, string, string][] = [
      ['Burgers en bedrijven', 'Eerlijke besluiten', '5'],
      ['Familie, gezin en privéleven', 'Tijd voor mijn kinderen', '4'],
    ];
    await fromTop(kim);
    for (const [n, [field, text, weight]] of mine.entries()) {
      await select(kim, kim.getByLabel('Veld'), field);
      await type(kim, kim.getByLabel('Waarvoor of voor wie?'), text);
      await radio(kim, kim.getByRole('group', { name: 'Hoe zwaar weegt het?' }).getByLabel(weight, { exact: true }));
      await press(kim, button(kim, 'Toevoegen aan mijn kaart'));
      await visible(heading(kim, `Mijn kaart (${n + 1})`));
    }
    await select(kim, kim.getByLabel('Eerste verantwoordelijkheid'), `${mine[0]![1]} (${mine[0]![0]})`);
    await select(kim, kim.getByLabel('Tweede verantwoordelijkheid'), `${mine[1]![1]} (${mine[1]![0]})`);
    await press(kim, button(kim, 'Spanning markeren'));
    await visible(kim.locator('.gw-map-entry', { hasText: `${mine[0]![1]} ↔ ${mine[1]![1]}` }));
    await axe(kim, 'phone-map');
    for (const [i, phone] of others.entries()) {
      for (const [field, text] of [['Burgers en bedrijven', `Dienstverlening ${i}`], ['Familie, gezin en privéleven', `Gezondheid ${i}`]] as const) {
        await phone.getByLabel('Veld').selectOption({ label: field });
        await phone.getByLabel('Waarvoor of voor wie?').fill(text);
        await phone.getByRole('group', { name: 'Hoe zwaar weegt het?' }).getByLabel('3', { exact: true }).check();
        await button(phone, 'Toevoegen aan mijn kaart').click();
      }
      await phone.getByLabel('Eerste verantwoordelijkheid').selectOption({ index: 1 });
      await phone.getByLabel('Tweede verantwoordelijkheid').selectOption({ index: 2 });
      await button(phone, 'Spanning markeren').click();
      await visible(phone.locator('.gw-map-entry', { hasText: '↔' }));
    }
    await visible(screen.getByText('3 antwoorden tot nu toe'));
    await axe(console_, 'console-en-map');
    await fromTop(console_);
    await press(console_, button(console_, 'Reveal results'));
    // The map has a table with the same figures, for those who cannot see the picture.
    await visible(kim.locator('table.gw-map-table'));
    await visible(console_.locator('table.gw-map-table'));
    await axe(console_, 'console-en-map-revealed');
    // A timer by keyboard. role=timer is not a live region, and the timer's status region stays
    // quiet while it counts down: a screen reader is not interrupted every second.
    await fromTop(console_);
    await type(console_, console_.getByLabel('Minutes'), '5');
    await press(console_, button(console_, 'Start timer'));
    for (const page of [console_, screen, kim]) await visible(page.locator('[role=timer]'));
    const clocks = async () => Promise.all([console_, screen, kim].map((page) => page.locator('.gw-timer').first().evaluate((e) => [e.querySelector('[role=timer]')?.textContent, e.querySelector('[role=status]')?.textContent])));
    const before = await clocks();
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const later = await clocks();
    for (const [i, [clock, status]] of later.entries()) {
      assert.notEqual(clock, before[i]![0], 'the clock counts down');
      assert.equal(status, before[i]![1], 'the status region is not updated every second');
    }
    for (const page of [console_, screen, kim]) {
      assert.equal(await page.locator('[role=timer][aria-live=polite], [role=timer][aria-live=assertive]').count(), 0);
    }
    await axe(kim, 'phone-map-revealed-timer');
  });

  it('[A11Y-2] a small group by keyboard: the console forms groups; the participant writes the note and the grid, and votes before and after', async () => {
    await fromTop(console_);
    await type(console_, console_.getByLabel('Group size'), '3');
    await press(console_, button(console_, 'Propose groups'));
    await press(console_, button(console_, 'Form groups'));
    await visible(console_.locator('.gw-group-card', { hasText: 'Group 1' }));
    await select(console_, console_.getByLabel('Dilemma from the map'), /↔| or /);
    await axe(console_, 'console-en-groups');

    await goToStep('Stating the dilemma', 'Het dilemma formuleren');
    await visible(kim.getByText(/Jullie dilemma: .+ of .+\?/));
    const note = 'Publiceer ik het rapport (A) of bescherm ik mijn minister (B)?';
    await fromTop(kim);
    await type(kim, kim.getByLabel('Notitie van jullie groepje'), note);
    await press(kim, button(kim, 'Notitie opslaan'));
    await others[0]!.waitForFunction(`document.querySelector('textarea')?.value === ${JSON.stringify(note)}`, undefined, { timeout: WAIT });

    await goToStep('What would you do? (before)', 'Wat zou jij doen? (vooraf)');
    await fromTop(kim);
    await radio(kim, kim.getByLabel('A', { exact: true }));
    await press(kim, button(kim, /^Keuze (versturen|wijzigen)$/));
    await visible(kim.getByText('Je keuze is opgeslagen: A.'));
    for (const phone of others) {
      await phone.getByLabel('B', { exact: true }).check();
      await button(phone, /^Keuze (versturen|wijzigen)$/).click();
      await visible(phone.getByText('Je keuze is opgeslagen: B.'));
    }
    await fromTop(console_);
    await press(console_, button(console_, 'Show report-back'));
    await visible(kim.locator('table.gw-distribution'));

    await goToStep('Perspectives, values and norms', 'Perspectieven, waarden en normen');
    await fromTop(kim);
    await type(kim, kim.getByLabel('Betrokkenen en hun perspectief'), 'Burgers willen weten wat er speelt');
    await type(kim, kim.getByLabel('Waarden', { exact: true }), 'Openheid, loyaliteit');
    await type(kim, kim.getByLabel('Normen', { exact: true }), 'Wet open overheid');
    await press(kim, button(kim, 'Schema opslaan'));
    await visible(kim.getByText('Opgeslagen.'));
    await axe(kim, 'phone-grid');

    await goToStep('What would you do? (after)', 'Wat zou jij doen? (achteraf)');
    await fromTop(kim);
    await radio(kim, kim.getByLabel('B', { exact: true }));
    await press(kim, button(kim, /^Keuze (versturen|wijzigen)$/));
    await visible(kim.getByText('Je keuze is opgeslagen: B.'));
    for (const phone of others) {
      await phone.getByLabel('A', { exact: true }).check();
      await button(phone, /^Keuze (versturen|wijzigen)$/).click();
      await visible(phone.getByText('Je keuze is opgeslagen: A.'));
    }
    await fromTop(console_);
    await press(console_, button(console_, 'Show report-back'));
    await visible(kim.locator('table.gw-shift-table'));
    await axe(kim, 'phone-opinion-shift');
    await axe(console_, 'console-en-opinion-shift');
  });

  it('[A11Y-2] cards by keyboard: a reveal does not move the focus, a reaction is a toggle button, and the console clusters and harvests a lesson', async () => {
    await goToStep('Questions from practice', 'Vragen uit de praktijk');
    const texts = ['Hoe geef ik tegenspraak aan mijn directeur?', 'Loyaal blijven bij een besluit dat ik niet deel.', 'Ruimte maken voor twijfel in het team.'];
    await fromTop(kim);
    await type(kim, kim.getByLabel('Je kaartje'), texts[0]!);
    await press(kim, button(kim, 'Kaartje toevoegen'));
    await visible(kim.getByText('Je kaartje is toegevoegd.').or(kim.locator('.gw-idea-card', { hasText: texts[0]! })));
    for (const [i, phone] of others.entries()) {
      await phone.getByLabel('Je kaartje').fill(texts[i + 1]!);
      await button(phone, 'Kaartje toevoegen').click();
      await visible(phone.getByText('Je kaartje is toegevoegd.').or(phone.locator('.gw-idea-card', { hasText: texts[i + 1]! })));
    }
    // Kim is writing a second card when the results appear: the focus stays in the field.
    const field = kim.getByLabel('Je kaartje');
    await tabTo(kim, field);
    await kim.keyboard.type('Nog een');
    await fromTop(console_);
    await press(console_, button(console_, 'Reveal results'));
    await visible(kim.locator('.gw-live-results .gw-idea-card', { hasText: texts[1]! }));
    assert.ok(await field.evaluate(hasFocus), 'the reveal did not take the focus from the field');
    assert.equal(await field.inputValue(), 'Nog een', 'nor what was typed');
    // The announcement is polite: a status region, not an alert.
    assert.equal(await kim.locator('[aria-live="assertive"]').count(), 0);

    const react = kim.getByRole('button', { name: new RegExp(`^Herken ik: ${texts[2]!}`) });
    await tabTo(kim, react);
    await kim.keyboard.press('Space');
    await visible(kim.locator('button.gw-react[aria-pressed="true"]'));
    await axe(kim, 'phone-cards-revealed');

    await fromTop(console_);
    await type(console_, console_.getByLabel('New theme'), 'Tegenspraak organiseren');
    await press(console_, button(console_, 'Add theme'));
    await visible(console_.locator('.gw-theme', { hasText: 'Tegenspraak organiseren' }));
    await select(console_, console_.getByLabel(`Theme for: ${texts[0]!.slice(0, 60)}`), 'Tegenspraak organiseren');
    await visible(screen.locator('.gw-results__section', { hasText: 'Tegenspraak organiseren' }).getByText(texts[0]!));
    await axe(console_, 'console-en-cluster');
    await fromTop(console_);
    await select(console_, console_.getByLabel('From a card or theme'), /Tegenspraak organiseren/);
    await type(console_, console_.getByLabel('Short explanation'), 'Vraag om tegenspraak voordat je besluit.');
    await press(console_, button(console_, 'Harvest lesson'));
    await visible(console_.getByText('The lesson has been added.'));
    await visible(kim.locator('.gw-lesson', { hasText: 'Tegenspraak organiseren' }));
    await axe(console_, 'console-en-lessons');
    await axe(kim, 'phone-lessons');
  });

  it('[A11Y-2] appreciation, the evaluation scales and the follow-up choice by keyboard', async () => {
    await goToStep('Voicing appreciation', 'Waardering uitspreken');
    await fromTop(kim);
    await radio(kim, kim.getByLabel('Eerlijke feedback'));
    await type(kim, kim.getByLabel('Je kaartje'), 'Ik mis soms uitleg over besluiten.');
    await press(kim, button(kim, 'Kaartje toevoegen'));
    await visible(kim.getByText('Je kaartje is toegevoegd.').or(kim.locator('.gw-idea-card', { hasText: 'Ik mis soms uitleg' })));
    await axe(kim, 'phone-appreciation');

    await goToStep('How was this meeting?', 'Hoe was deze bijeenkomst?');
    const useful = 'De bijeenkomst was nuttig voor mijn werk.';
    const free = 'Ik kon vrijuit spreken.';
    await fromTop(kim);
    await radio(kim, kim.getByRole('group', { name: useful }).getByLabel('4', { exact: true }));
    await radio(kim, kim.getByRole('group', { name: free }).getByLabel('5', { exact: true }));
    await press(kim, button(kim, 'Antwoorden versturen'));
    await visible(kim.getByText('Je antwoorden zijn opgeslagen.'));
    for (const phone of others) {
      await phone.getByRole('group', { name: useful }).getByLabel('3', { exact: true }).check();
      await button(phone, 'Antwoorden versturen').click();
      await visible(phone.getByText('Je antwoorden zijn opgeslagen.'));
    }
    await fromTop(console_);
    await press(console_, button(console_, 'Reveal results'));
    await visible(kim.getByRole('table', { name: `Verdeling: ${useful}` }));
    await axe(kim, 'phone-evaluation-revealed');
    await axe(console_, 'console-en-evaluation');

    await goToStep('Interest in a follow-up', 'Belangstelling voor een vervolg');
    await fromTop(kim);
    await radio(kim, kim.getByLabel('Ja', { exact: true }));
    await press(kim, button(kim, /^Keuze (versturen|wijzigen)$/));
    await visible(kim.getByText('Je keuze is opgeslagen: Ja.'));
  });

  it('[A11Y-2] the facilitator notes the follow-up and closes the meeting by keyboard; the confirmation takes the focus', async () => {
    await goToStep('Follow-up agreements', 'Vervolgafspraken');
    await fromTop(console_);
    await type(console_, console_.getByLabel('Note', { exact: true }), 'Elk brengt over een maand een casus in.');
    await press(console_, button(console_, 'Save note'));
    await visible(console_.getByText('Saved.'));
    await fromTop(console_);
    const close = button(console_, 'Close the meeting');
    await press(console_, close);
    const cancel = console_.getByRole('group', { name: /close/i }).getByRole('button', { name: 'Cancel' });
    await visible(cancel);
    assert.ok(await cancel.evaluate(hasFocus), `the question takes the focus, on its safe answer (focus: ${await describeFocus(console_)})`);
    await assertFocusVisible(console_);
    await axe(console_, 'console-en-close-confirm');
    await console_.keyboard.press('Enter');
    await visible(close);
    assert.ok(await close.evaluate(hasFocus), 'cancelling gives the focus back');
    await console_.keyboard.press('Enter');
    await visible(cancel);
    await console_.keyboard.press('Shift+Tab');
    const yes = button(console_, 'Yes, close it');
    assert.ok(await yes.evaluate(hasFocus), 'Shift+Tab reaches the answer that closes');
    await console_.keyboard.press('Enter');
    await visible(heading(kim, 'De bijeenkomst is afgesloten'));
    await axe(console_, 'console-en-closed');
    await axe(kim, 'phone-closed');
  });

  it('[A11Y-2] the dot vote by keyboard: a third dot is refused with a message and the focus stays; the facilitator enters dots for someone without a phone', async () => {
    // No shipped method has a dot vote, so this journey runs a meeting of the test method, whose step
    // "Stippen" gives each participant 2 dots over X, Y and Z.
    const made = await server.engine.createMeeting({ methodId: testMethod.id, title: { nl: 'Prioriteiten kiezen' }, facilitators: [], centralQuestions: [], caseIds: [], kThreshold: 3 }, testMethod);
    await console_.goto(`${server.url}/console/${made.meetingId}#token=${made.facilitatorToken}`);
    await visible(heading(console_, 'Prioriteiten kiezen', 1));
    assert.equal(await console_.getAttribute('html', 'lang'), 'en', 'the console keeps the language chosen on this device');
    const { code, link } = await openForParticipants();
    await screen.goto(`${server.url}/screen/${made.meetingId}#token=${made.screenToken}`);
    await visible(screen.locator('.gw-screen__code'));

    await kim.goto(`${server.url}/join`);
    await kimJoins(code);
    await othersJoin(link);
    await fromTop(console_);
    await press(console_, button(console_, 'Start the meeting'));
    await goToStep('Stippen', 'Stippen');

    // Kim places both dots with Space, then tries a third: it is refused, said in an alert tied to
    // the group, and the focus stays on the box so she can go on.
    const dots = kim.getByRole('group', { name: 'Verdeel je stippen' });
    await visible(dots);
    await fromTop(kim);
    await tick(kim, dots.getByLabel('X', { exact: true }));
    await tick(kim, dots.getByLabel('Y', { exact: true }));
    await visible(kim.getByText('(nog 0 over)', { exact: false }));
    const z = dots.getByLabel('Z', { exact: true });
    await tabTo(kim, z);
    await kim.keyboard.press('Space');
    const tooMany = kim.getByRole('alert').filter({ hasText: 'Je hebt maar 2 stippen; haal er eerst een weg.' });
    await visible(tooMany);
    assert.equal(await z.isChecked(), false, 'a third dot is not placed');
    assert.ok(await z.evaluate(hasFocus), `the focus stays on the box (focus: ${await describeFocus(kim)})`);
    const describedBy = (await dots.getAttribute('aria-describedby')) ?? '';
    assert.ok(describedBy.split(' ').includes((await tooMany.getAttribute('id')) ?? '-'), 'the message is tied to the group');
    await axe(kim, 'phone-dots-too-many');
    // She moves a dot from X to Z and sends.
    await fromTop(kim);
    await tabTo(kim, dots.getByLabel('X', { exact: true }));
    await kim.keyboard.press('Space');
    assert.equal(await dots.getByLabel('X', { exact: true }).isChecked(), false);
    await tick(kim, z);
    await press(kim, button(kim, 'Stippen versturen'));
    await visible(kim.getByText('Je 2 stippen zijn opgeslagen.', { exact: false }));
    await visible(button(kim, 'Stippen wijzigen'));
    await axe(kim, 'phone-dots-saved');
    for (const [phone, picks] of [[others[0]!, ['X', 'Z']], [others[1]!, ['Y']]] as const) {
      for (const pick of picks) await phone.getByRole('group', { name: 'Verdeel je stippen' }).getByLabel(pick, { exact: true }).check();
      await button(phone, 'Stippen versturen').click();
      await visible(phone.getByText(/Je (stip is|2 stippen zijn) opgeslagen\./));
    }

    // The facilitator enters one dot on Y for someone in the room without a phone, by keyboard (the
    // test method's English labels end in "(en)").
    await fromTop(console_);
    await tick(console_, console_.getByRole('group', { name: 'Dots (at most 2)' }).getByLabel('Y (en)', { exact: true }));
    await press(console_, button(console_, 'Add answer'));
    await visible(console_.getByText('The answer has been added.'));
    await axe(console_, 'console-en-dots-proxy');
    await fromTop(console_);
    await press(console_, button(console_, 'Reveal results'));
    // X 1, Y 3 (one entered by the facilitator), Z 2: a table on the phone as on the screen.
    const table = kim.locator('.gw-live-results table');
    await visible(table);
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from((tr as unknown as { cells: ArrayLike<{ textContent: string }> }).cells, (c) => c.textContent.trim())));
    const counts = Object.fromEntries(rows.map((cells) => [cells[0], cells[1]]));
    assert.deepEqual(counts, { X: '1', Y: '3', Z: '2' }, `dots per option (rows: ${JSON.stringify(rows)})`);
    await axe(kim, 'phone-dots-revealed');
    await axe(console_, 'console-en-dots-revealed');
  });

  it('[A11Y-1] no screen logs a script error, and axe finds nothing in any state', () => {
    assert.deepEqual(problems, []);
    assert.ok(statesScanned >= 15, `${statesScanned} states scanned`);
    assert.equal(violations, 0, violationDetails.join('\n'));
  });
});
