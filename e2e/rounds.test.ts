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
 * Every round of a Goed Werk Hub once, in five browsers: the facilitator's console, the
 * presentation screen and three phones (k = 3, so every distribution just shows).
 */
describe('browser: the rounds of a Goed Werk Hub with a console, a screen and three phones', () => {
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
  let joinLink = '';
  let console_: Page;
  let screen: Page;
  const phones: Page[] = [];

  async function axe(page: Page, state: string) {
    if (phones.includes(page)) {
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.equal(overflow, 0, `no horizontal scrolling at 360 px (${state})`);
    }
    const result = await scanAxe(page);
    statesScanned++;
    violations += result.violations;
    violationDetails.push(...result.details.map((d) => `${state}: ${d}`));
    await page.screenshot({ path: `${shots}rounds-${state}.png`, fullPage: true });
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

  async function goToStep(title: string) {
    await button(console_, `Ga naar: ${title}`).click();
    await visible(console_.locator('.gw-console-now__step', { hasText: title }));
    for (const page of [screen, ...phones]) await visible(heading(page, title));
  }

  async function choose(phone: Page, option: string) {
    await phone.getByLabel(option, { exact: true }).check();
    await button(phone, /^Keuze (versturen|wijzigen)$/).click();
    await visible(phone.getByText(`Je keuze is opgeslagen: ${option}.`));
  }

  async function addCard(phone: Page, text: string) {
    await phone.getByLabel('Je kaartje').fill(text);
    await button(phone, 'Kaartje toevoegen').click();
    await visible(phone.getByText('Je kaartje is toegevoegd.').or(phone.locator('.gw-idea-card', { hasText: text })));
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
    for (let i = 0; i < 3; i++) phones.push(await open({ width: 360, height: 740 }, true));
  });

  after(async () => {
    console.log(`FIGURE axe_states_scanned=${statesScanned}`);
    console.log(`FIGURE axe_violations=${violations}`);
    for (const detail of violationDetails) console.log(`# axe: ${detail}`);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('[E2E-19] before the meeting the facilitator composes the agenda: adds a round from another method, removes it, changes a step', async () => {
    await console_.goto(`${server.url}/console/${meetingId}#token=${facilitatorToken}`);
    await visible(heading(console_, 'Programma samenstellen'));
    await console_.getByLabel('Werkvorm').selectOption({ label: 'Dilemma plenair' });
    const round = console_.getByLabel('Onderdeel', { exact: true });
    await visible(round);
    const first = (await round.locator('option').nth(1).textContent()) ?? '';
    const roundTitle = first.replace(/ \(\d+ stappen?\)$/, '');
    await round.selectOption({ index: 1 });
    await console_.getByLabel('Plaats in het programma').selectOption({ label: 'Vóór: Evaluatie' });
    await button(console_, 'Onderdeel toevoegen').click();
    await visible(console_.getByText(`Toegevoegd: ${roundTitle}.`));
    await visible(console_.locator('.gw-console-agenda__round-title', { hasText: roundTitle }));
    await axe(console_, 'console-compose');
    await button(console_, `Onderdeel verwijderen: ${roundTitle}`).click();
    await console_.locator('.gw-console-agenda__round-title', { hasText: roundTitle }).waitFor({ state: 'detached' });

    await console_.getByLabel('Stap', { exact: true }).selectOption({ label: '1. Welkom en spelregels' });
    await console_.getByLabel('Tijd (minuten)').fill('7');
    await console_.getByLabel('Titel', { exact: true }).fill('Welkom, spelregels en kennismaking');
    await button(console_, 'Stap opslaan').click();
    await visible(console_.getByText('De stap is aangepast.'));
    await visible(console_.locator('.gw-console-agenda__step-title', { hasText: 'Welkom, spelregels en kennismaking' }));
    await axe(console_, 'console-compose-edited');

    await button(console_, 'Openen voor deelnemers').click();
    await visible(console_.locator('.gw-join-facts__link'));
    joinLink = ((await console_.locator('.gw-join-facts__link').textContent()) ?? '').trim();
    await screen.goto(`${server.url}/screen/${meetingId}#token=${screenToken}`);
    await visible(screen.locator('.gw-screen__code'));
    for (const phone of phones) {
      await phone.goto(joinLink);
      await phone.getByLabel('Ik houd me aan deze afspraak').check();
      await button(phone, 'Meedoen').click();
      await visible(heading(phone, 'We beginnen zo'));
    }
    await visible(heading(console_, 'Deelnemers (3)'));
    await button(console_, 'Bijeenkomst starten').click();
    for (const page of [screen, ...phones]) await visible(heading(page, 'Welkom, spelregels en kennismaking'));
    // The added round was removed again: the method's own steps, the first with its new title.
    const stepCount = server.content.methods.get('goed-werk-hub')?.rounds.flatMap((r) => r.steps).length;
    await visible(screen.getByText(new RegExp(`Stap 1 van ${stepCount}\\b`)));
  });

  it('[E2E-20] the responsibility map: three phones place responsibilities with weights and a tension; the reveal shows the radial map, its table and the tensions', async () => {
    await goToStep('Voor wie of wat voel jij je verantwoordelijk?');
    const entries: [string, string, string][][] = [
      [['Burgers en bedrijven', 'Snelle en eerlijke besluiten', '5'], ['Familie, gezin en privéleven', 'Op tijd thuis voor de kinderen', '4'], ['Jezelf en je vak', 'Vakmanschap', '3']],
      [['Burgers en bedrijven', 'Goede dienstverlening', '4'], ['Familie, gezin en privéleven', 'Mijn gezondheid', '5']],
      [['Burgers en bedrijven', 'Rechtvaardige behandeling', '3'], ['Familie, gezin en privéleven', 'Mijn partner', '2'], ['Medewerkers op de werkvloer', 'Een veilig team', '5']],
    ];
    for (const [i, phone] of phones.entries()) {
      for (const [n, [field, text, weight]] of entries[i]!.entries()) {
        await phone.getByLabel('Veld').selectOption({ label: field });
        await phone.getByLabel('Waarvoor of voor wie?').fill(text);
        await phone.getByRole('group', { name: 'Hoe zwaar weegt het?' }).getByLabel(weight, { exact: true }).check();
        await button(phone, 'Toevoegen aan mijn kaart').click();
        await visible(heading(phone, `Mijn kaart (${n + 1})`));
      }
      const [a, b] = entries[i]!;
      await phone.getByLabel('Eerste verantwoordelijkheid').selectOption({ label: `${a![1]} (${a![0]})` });
      await phone.getByLabel('Tweede verantwoordelijkheid').selectOption({ label: `${b![1]} (${b![0]})` });
      await button(phone, 'Spanning markeren').click();
      await visible(phone.locator('.gw-map-entry', { hasText: `${a![1]} ↔ ${b![1]}` }));
      if (i === 0) await axe(phone, 'phone-map-input');
    }
    await visible(screen.getByText('3 antwoorden tot nu toe'));
    await axe(console_, 'console-map-preview');
    await button(console_, 'Resultaten tonen').click();
    await visible(screen.locator('svg.gw-map-svg'));
    assert.equal(await screen.locator('svg.gw-map-svg circle.gw-map-svg__dot').count(), 8, 'every responsibility is a dot');
    const table = screen.locator('table.gw-map-table');
    await visible(table.getByRole('row', { name: /Burgers en bedrijven 3 4$/ }));
    await visible(table.getByRole('row', { name: /Familie, gezin en privéleven 3 3,7$/ }));
    await visible(screen.getByText('Burgers en bedrijven ↔ Familie, gezin en privéleven: 3'));
    await axe(screen, 'screen-map-revealed');
    await visible(phones[1]!.locator('svg.gw-map-svg'));
    await axe(phones[1]!, 'phone-map-revealed');
    // The same results in English.
    await button(phones[1]!, 'English').click();
    await visible(heading(phones[1]!, 'Whom or what do you feel responsible for?'));
    await visible(phones[1]!.getByText('Citizens and businesses ↔ Family and private life: 3'));
    await visible(phones[1]!.getByRole('heading', { name: 'Add a responsibility' }));
    await axe(phones[1]!, 'phone-map-revealed-en');
    await button(phones[1]!, 'Nederlands').click();
    await visible(heading(phones[1]!, 'Voor wie of wat voel jij je verantwoordelijk?'));
  });

  it('[E2E-21] a group dilemma round: groups with a tension from the map as their dilemma, a shared note and grid, a vote before and after, and the opinion shift once both are revealed', async () => {
    const [anna, bram, carla] = phones as [Page, Page, Page];
    await console_.getByLabel('Groepsgrootte').fill('3');
    await button(console_, 'Indeling voorstellen').click();
    await button(console_, 'Groepjes vormen').click();
    await visible(console_.locator('.gw-group-card', { hasText: 'Groep 1' }));
    // The most frequent tension of the map becomes the group's dilemma: its two horns.
    await console_.getByLabel('Dilemma uit de kaart').first().selectOption({ index: 1 });

    await goToStep('Het dilemma formuleren');
    await visible(anna.getByText(/Jullie dilemma: .+ of .+\?/));
    const dilemma = 'Moet ik het rapport publiceren (A) of mijn minister beschermen (B)?';
    await anna.getByLabel('Notitie van jullie groepje').fill(dilemma);
    await button(anna, 'Notitie opslaan').click();
    await bram.waitForFunction(`document.querySelector('textarea')?.value === ${JSON.stringify(dilemma)}`, undefined, { timeout: WAIT });

    await goToStep('Wat zou jij doen? (vooraf)');
    for (const [phone, option] of [[anna, 'A'], [bram, 'B'], [carla, 'B']] as const) await choose(phone, option);
    await button(console_, 'Terugkoppeling tonen').click();
    await visible(screen.locator('table.gw-distribution'));

    await goToStep('Perspectieven, waarden en normen');
    await anna.getByLabel('Betrokkenen en hun perspectief').fill('Burgers: willen weten wat er speelt');
    await anna.getByLabel('Waarden', { exact: true }).fill('Openheid, loyaliteit');
    await anna.getByLabel('Normen', { exact: true }).fill('Wet open overheid');
    await button(anna, 'Schema opslaan').click();
    await visible(anna.getByText('Opgeslagen.'));
    await carla.waitForFunction(`[...document.querySelectorAll('textarea')].some((t) => t.value === 'Openheid, loyaliteit')`, undefined, { timeout: WAIT });
    await axe(anna, 'phone-grid');
    await button(console_, 'Terugkoppeling tonen').click();
    await visible(screen.locator('.gw-grid-view', { hasText: 'Wet open overheid' }));
    await axe(screen, 'screen-grid-report-back');

    await goToStep('Wat zou jij doen? (achteraf)');
    for (const [phone, option] of [[anna, 'B'], [bram, 'B'], [carla, 'A']] as const) await choose(phone, option);
    await axe(carla, 'phone-after-vote');
    await button(console_, 'Terugkoppeling tonen').click();
    await visible(screen.getByText('Van de 3 mensen die beide keren stemden, kozen er 2 nu anders.'));
    const shift = screen.locator('table.gw-shift-table');
    await visible(shift.getByRole('row', { name: 'van A 0 1 0' }));
    await visible(shift.getByRole('row', { name: 'van B 1 1 0' }));
    await axe(screen, 'screen-opinion-shift');
    await visible(anna.getByText('Van de 3 mensen die beide keren stemden, kozen er 2 nu anders.'));
    await axe(anna, 'phone-opinion-shift');
  });

  it('[E2E-22] the leadership dialogue: cards, a reveal, a reaction, a theme and a harvested lesson shown numbered', async () => {
    const [anna, bram, carla] = phones as [Page, Page, Page];
    await goToStep('Vragen uit de praktijk');
    const texts = ['Hoe ga ik om met klagende medewerkers?', 'Een reorganisatie verdedigen waar ik niet achter sta.', 'Cynisme in het team.'];
    for (const [i, phone] of phones.entries()) await addCard(phone, texts[i]!);
    await visible(screen.getByText('3 kaartjes tot nu toe'));
    await button(console_, 'Resultaten tonen').click();
    await visible(bram.locator('.gw-live-results .gw-idea-card', { hasText: texts[0]! }));
    const react = bram.getByRole('button', { name: new RegExp(`^Herken ik: ${texts[2]!}`) });
    await react.click();
    await visible(bram.locator('button.gw-react[aria-pressed="true"]'));
    await visible(screen.locator('.gw-idea-card', { hasText: texts[2]! }).getByText('1 keer herkend'));
    await visible(anna.locator('.gw-idea-card', { hasText: texts[2]! }).locator('.gw-react__count', { hasText: '1' }));
    await axe(bram, 'phone-cards-reaction');
    // Undone and done again: one stable reaction id per card.
    await react.click();
    await visible(bram.locator('button.gw-react[aria-pressed="true"]').or(bram.locator('button.gw-react')).first());
    await screen.locator('.gw-idea-card', { hasText: texts[2]! }).getByText('1 keer herkend').waitFor({ state: 'detached' });
    await react.click();
    await visible(screen.locator('.gw-idea-card', { hasText: texts[2]! }).getByText('1 keer herkend'));

    await console_.getByLabel('Nieuw thema').fill('Leiding geven aan weerstand');
    await button(console_, 'Thema toevoegen').click();
    await visible(console_.locator('.gw-theme', { hasText: 'Leiding geven aan weerstand' }));
    for (const text of [texts[1]!, texts[2]!]) {
      await console_.getByLabel(`Thema voor: ${text.slice(0, 60)}`).selectOption({ label: 'Leiding geven aan weerstand' });
      await visible(screen.locator('.gw-results__section', { hasText: 'Leiding geven aan weerstand' }).getByText(text));
    }
    await axe(console_, 'console-cluster');

    await console_.getByLabel('Uit kaartje of thema').selectOption({ label: 'Thema: Leiding geven aan weerstand' });
    await console_.getByLabel('Korte toelichting').fill('Neem weerstand serieus als signaal: vraag door voordat je overtuigt.');
    await button(console_, 'Les oogsten').click();
    await visible(console_.getByText('De les is toegevoegd.'));
    for (const page of [screen, anna, carla]) {
      await visible(page.locator('.gw-lesson', { hasText: 'Leiding geven aan weerstand' }).locator('.gw-lesson__number', { hasText: 'I' }));
    }
    await button(console_, 'Les bewerken: Leiding geven aan weerstand').click();
    await console_.getByLabel('Titel van de les').fill('Weerstand is een signaal');
    await button(console_, 'Les opslaan').click();
    await visible(screen.locator('.gw-lesson', { hasText: 'Weerstand is een signaal' }));
    await axe(screen, 'screen-lessons');
    await axe(carla, 'phone-lessons');
    await axe(console_, 'console-lessons');
  });

  it('[E2E-23] the appreciation round: cards of appreciation and honest feedback, revealed by field', async () => {
    await goToStep('Waardering uitspreken');
    const texts = ['Dank voor de eerlijke vragen.', 'Ik mis soms feedback op mijn rol.', 'Fijn hoe we naar elkaar luisterden.'];
    for (const [i, phone] of phones.entries()) {
      if (i === 1) await phone.getByLabel('Eerlijke feedback').check();
      await addCard(phone, texts[i]!);
    }
    await button(console_, 'Resultaten tonen').click();
    for (const text of texts) await visible(screen.locator('.gw-idea-card', { hasText: text }));
    await visible(screen.getByRole('heading', { name: 'Eerlijke feedback' }));
    await axe(screen, 'screen-appreciation');
    await axe(phones[2]!, 'phone-appreciation');
  });

  it('[E2E-24] the evaluation: scale items and a choice, revealed as tables with distributions and means', async () => {
    await goToStep('Hoe was deze bijeenkomst?');
    const useful = 'De bijeenkomst was nuttig voor mijn werk.';
    const free = 'Ik kon vrijuit spreken.';
    for (const [i, phone] of phones.entries()) {
      await phone.getByRole('group', { name: useful }).getByLabel(String(3 + i), { exact: true }).check();
      await phone.getByRole('group', { name: free }).getByLabel('5', { exact: true }).check();
      await button(phone, 'Antwoorden versturen').click();
      await visible(phone.getByText('Je antwoorden zijn opgeslagen.'));
    }
    await axe(phones[0]!, 'phone-evaluation');
    await button(console_, 'Resultaten tonen').click();
    await visible(phones[2]!.getByRole('table', { name: `Verdeling: ${useful}` }));
    await axe(phones[2]!, 'phone-evaluation-revealed');
    await visible(screen.locator('table.gw-distribution').getByRole('row', { name: new RegExp(`^${useful.replace('.', '\\.')} 4 \\(van 1 tot 5\\) 3$`) }));
    await visible(screen.getByRole('table', { name: `Verdeling: ${free}` }).getByRole('row', { name: 'Aantal 0 0 0 0 3' }));
    await axe(screen, 'screen-evaluation');

    await goToStep('Belangstelling voor een vervolg');
    for (const [phone, option] of [[phones[0]!, 'Ja'], [phones[1]!, 'Ja'], [phones[2]!, 'Misschien']] as const) await choose(phone, option);
    await button(console_, 'Resultaten tonen').click();
    await visible(screen.locator('table.gw-distribution').getByRole('row', { name: /^Ja 2 67%$/ }));
    await axe(screen, 'screen-follow-up');
    await axe(phones[0]!, 'phone-follow-up');
  });

  it('[E2E-25] the closing: the facilitator notes the follow-up, shows it, and closes the meeting', async () => {
    await goToStep('Vervolgafspraken');
    await console_.getByLabel('Notitie', { exact: true }).fill('Afspraak: elk een casus inbrengen.\nWanneer: over drie maanden.');
    await button(console_, 'Notitie opslaan').click();
    await visible(console_.getByText('Opgeslagen.'));
    await button(console_, 'Resultaten tonen').click();
    await visible(screen.getByText('Afspraak: elk een casus inbrengen.'));
    await axe(screen, 'screen-closing');
    await button(console_, 'Bijeenkomst afsluiten').click();
    await button(console_, 'Ja, afsluiten').click();
    await visible(heading(phones[0]!, 'De bijeenkomst is afgesloten'));
    await visible(screen.getByText('Dank jullie wel voor jullie bijdrage.'));
    await axe(console_, 'console-closed');
  });

  it('[E2E-26] no screen logs a script error or a Content-Security-Policy violation during the rounds', () => {
    assert.deepEqual(problems, []);
  });

  it('[E2E-27] axe finds no WCAG 2.1 AA violations in any state of the rounds', () => {
    assert.ok(statesScanned >= 20, `scanned ${statesScanned} states`);
    assert.equal(violations, 0);
  });
});
