import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Actor, Case, LiveCommand, MeetingState } from '@goedwerk/core';
import { testMethod } from '../packages/core/src/test-fixtures.ts';
import { loadDemo } from '../packages/server/src/demo.ts';
import { startTestServer, type TestServer } from '../packages/server/src/test-harness.ts';
import { launchChromium, overflow, scanAxe, smallTargets } from './browser.ts';

const webRoot = fileURLToPath(new URL('../packages/web/dist', import.meta.url));
const shots = '/tmp/library-';
const WAIT = 10_000;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const FACILITATOR = { email: 'frits@example.org', name: 'Frits Facilitator', password: 'goed werk begint bij jezelf' };
const EDITOR = { email: 'erna@example.org', name: 'Erna Redacteur', password: 'een casus komt pas na controle' };
/** What the editor changes (LB-38): a sentence added in Dutch, and the case in English beside it. */
const EDIT = {
  addition: 'Achteraf bleek de buurtavond het besluit niet te vertragen.',
  word: 'buurtavond',
  source: 'Een wijkteam in een middelgrote stad',
  titleEn: 'Decide quickly or hear everyone: which comes first?',
  situationEn: 'A project lead must grant or refuse a permit within a week, while the neighbourhood has not yet been heard.',
};
/** The case the facilitator puts forward: one unusual word to search for. */
const NEW_CASE = {
  title: 'Snel beslissen of zorgvuldig horen: wat gaat voor?',
  hornA: 'Snel duidelijkheid geven aan de aanvrager',
  hornB: 'Iedereen horen die het aangaat',
  situation: 'Een kwartiermaker moet binnen een week een vergunning verlenen of weigeren, terwijl de buurt nog niet is gehoord.',
  action: 'De vergunning werd uitgesteld tot na een avond met de buurt.',
  prompt: 'Wanneer is snelheid zelf een vorm van zorgvuldigheid?',
  word: 'kwartiermaker',
};
const PHONE_CASE = { title: 'Meepraten of meebeslissen: wie bepaalt de agenda?', situation: 'Een wijkteam vraagt om een stem in de begroting, de raad wil het advies alleen horen.' };
const PARTICIPANT_CASE = { title: 'Zwijgen of melden: wat ben ik mijn team verschuldigd?', situation: 'Een collega rekent uren anders dan afgesproken; ik weet het als enige.' };

/**
 * The case library in the browser (LB-20..LB-29): searching and filtering with the query in the
 * address, putting a case forward as staff and as a participant, the review queue (checked for
 * anonymity, published), and the case page with its new fields; axe on every state, at 1280 and
 * 390 px wide, with screenshots in /tmp/library-*.png.
 */
describe('browser: the case library — search, submit, review, publish', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let statesScanned = 0;
  let violations = 0;
  const violationDetails: string[] = [];
  let visitor: Page;
  let facilitator: Page;
  let editor: Page;

  /** Scans the page as it is now with axe (every state counts), checks the phone's width and the touch targets, and takes the screenshot. */
  async function axe(page: Page, state: string) {
    const phone = (page.viewportSize()?.width ?? DESKTOP.width) < 500;
    if (phone) {
      const { scroll, outside } = await overflow(page);
      assert.equal(scroll, 0, `no horizontal scrolling at ${PHONE.width} px (${state})`);
      assert.deepEqual(outside, [], `nothing sticks out at ${PHONE.width} px (${state})`);
    }
    assert.deepEqual(await smallTargets(page), [], `touch targets of at least 44 px (${state})`);
    const result = await scanAxe(page);
    statesScanned++;
    violations += result.violations;
    violationDetails.push(...result.details.map((d) => `${state}: ${d}`));
    await page.screenshot({ path: `${shots}${state}.png`, fullPage: true });
    assert.deepEqual(result.details, [], `axe on ${state}`);
  }

  /** The page also fits 320 px (WCAG reflow), checked without a screenshot. */
  async function fits320(page: Page, state: string) {
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: 320, height: size.height });
    const { scroll, outside } = await overflow(page);
    assert.equal(scroll, 0, `no horizontal scrolling at 320 px (${state})`);
    assert.deepEqual(outside, [], `nothing sticks out at 320 px (${state})`);
    await page.setViewportSize(size);
  }

  function watch(page: Page, name: string): Page {
    page.on('console', (m) => {
      // By design: a session check of a signed-out visitor answers 401, and publishing before the anonymity check 422.
      if (m.type() === 'error' && !/status of (401 \(Unauthorized\)|422 \(Unprocessable Entity\))/.test(m.text())) problems.push(`${name}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${name}: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 500) problems.push(`${name}: ${r.status()} ${r.url()}`);
    });
    return page;
  }

  async function open(name: string, viewport: { width: number; height: number }): Promise<Page> {
    const phone = viewport.width < 500;
    const context = await browser.newContext(phone ? { viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { viewport });
    contexts.push(context);
    context.setDefaultTimeout(WAIT);
    return watch(await context.newPage(), name);
  }

  const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: WAIT });
  const heading = (page: Page, name: string | RegExp, level?: number) => page.getByRole('heading', level === undefined ? { name } : { name, level });
  const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
  const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });
  const alert = (page: Page, text: string | RegExp) => page.getByRole('alert').filter({ hasText: text });
  const cardLinks = (page: Page) => page.locator('.gw-card-grid .utrecht-card__header a');
  const searchBox = (page: Page) => page.getByRole('search', { name: 'Zoeken in de casusbank' });

  /** Signs in on /login and opens `target` (the login page itself sends staff back to the pages that asked for a session). */
  async function signIn(page: Page, who: { email: string; password: string }, target: string) {
    await page.goto(`${server.url}/login?next=${encodeURIComponent(target)}`);
    await page.getByLabel('E-mailadres').fill(who.email);
    await page.getByLabel('Wachtwoord').fill(who.password);
    await button(page, 'Inloggen').click();
    await page.waitForURL((url) => url.pathname !== '/login');
    if (new URL(page.url()).pathname !== target) await page.goto(`${server.url}${target}`);
  }

  /** The texts an element's aria-describedby points at. */
  async function description(locator: Locator): Promise<string> {
    return locator.evaluate((e) =>
      (e.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id: string) => e.ownerDocument.getElementById(id)?.textContent ?? '')
        .join(' | '),
    );
  }

  /** Every case as stored, under review or not. */
  async function storedCases(): Promise<Case[]> {
    return (await server.store.listCases()).map((row) => row.data as Case);
  }

  /** What the API finds for anyone. */
  async function publicSearch(q: string): Promise<Case[]> {
    const response = await fetch(`${server.url}/api/cases?q=${encodeURIComponent(q)}`);
    return ((await response.json()) as { cases: Case[] }).cases;
  }

  before(async () => {
    assert.ok(existsSync(`${webRoot}/index.html`), 'the web client is built (npm run build)');
    server = await startTestServer({ webRoot });
    await loadDemo(server.store, server.engine, server.content);
    for (const [who, role] of [
      [FACILITATOR, 'facilitator'],
      [EDITOR, 'editor'],
    ] as const) {
      const invited = await server.accounts.invite({ email: who.email, displayName: who.name, role });
      assert.ok(invited, `${role} invited`);
      assert.ok(await server.accounts.acceptInvite(invited.inviteToken, who.password), `${role} set a password`);
    }
    browser = await launchChromium();
    visitor = await open('visitor', DESKTOP);
    facilitator = await open('facilitator', DESKTOP);
    editor = await open('editor', DESKTOP);
  });

  after(async () => {
    console.log(`FIGURE axe_states_scanned=${statesScanned}`);
    console.log(`FIGURE axe_violations=${violations}`);
    for (const detail of violationDetails) console.log(`# axe: ${detail}`);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('[LB-20] searching "verantwoordelijkheden" puts the query in the address, announces the count and shows the case', async () => {
    await visitor.goto(`${server.url}/library`);
    await visible(heading(visitor, 'Casusbank', 1));
    await visible(searchBox(visitor));
    await visible(status(visitor, '5 casussen'));
    assert.equal(await cardLinks(visitor).count(), 5);
    assert.equal(await visitor.getByRole('link', { name: 'Casus indienen' }).count(), 0, 'a visitor is not offered to submit');
    await axe(visitor, 'library');

    const found = await publicSearch('verantwoordelijkheden');
    assert.ok(found.some((c) => c.id === 'groen-licht-of-niet') && found.length < 5, `the API finds the case: ${found.map((c) => c.id).join(', ')}`);
    await searchBox(visitor).getByLabel('Zoekwoorden').fill('verantwoordelijkheden');
    await searchBox(visitor).getByRole('button', { name: 'Zoeken' }).click();
    await visitor.waitForURL(`${server.url}/library?q=verantwoordelijkheden`);
    await visible(status(visitor, `${found.length} casussen gevonden voor “verantwoordelijkheden”`));
    assert.deepEqual(await cardLinks(visitor).allTextContents(), found.map((c) => c.title.nl));
    assert.ok((await cardLinks(visitor).allTextContents()).includes('Groen licht of niet: welk belang weegt het zwaarst?'));
    const cards = await visitor.getByRole('link', { name: 'Casuskaarten afdrukken (PDF)' }).getAttribute('href');
    assert.equal(cards, `/api/cases/cards.pdf?ids=${found.map((c) => c.id).join(',')}&lang=nl`, 'the cards of the cases shown');
    assert.equal(await visitor.getByRole('link', { name: 'Casusbank exporteren (JSON)' }).getAttribute('href'), '/api/cases/export.json');
    assert.equal(await visitor.title(), '“verantwoordelijkheden” in de casusbank · Goed Werk Hub');
    await axe(visitor, 'results');

    // The address can be shared: opened anew, it shows the same search and results.
    const shared = await open('shared link', DESKTOP);
    await shared.goto(`${server.url}/library?q=verantwoordelijkheden`);
    await visible(status(shared, `${found.length} casussen gevonden`));
    assert.equal(await searchBox(shared).getByLabel('Zoekwoorden').inputValue(), 'verantwoordelijkheden');
  });

  it('[LB-20] a theme filter narrows the library, the back button brings the earlier search back, and no result says what to do', async () => {
    await visitor.goto(`${server.url}/library`);
    await visible(status(visitor, '5 casussen'));
    const theme = searchBox(visitor).getByLabel('Thema', { exact: true });
    assert.ok((await theme.locator('option').allTextContents()).includes('loyaliteit'), 'the themes come from the library');
    await theme.selectOption('loyaliteit');
    assert.equal(new URL(visitor.url()).search, '', 'choosing a filter does not search by itself');
    await searchBox(visitor).getByRole('button', { name: 'Zoeken' }).click();
    await visitor.waitForURL(`${server.url}/library?theme=loyaliteit`);
    await visible(status(visitor, '2 casussen gevonden'));
    assert.deepEqual((await cardLinks(visitor).allTextContents()).sort(), [
      'De baas aanspreken: onafhankelijk blijven of de verhouding sparen?',
      'Rapport in de la: trouw aan je vak of aan je leiding?',
    ]);
    await searchBox(visitor).getByLabel('Doelgroep').selectOption('beleidsadviseurs');
    await searchBox(visitor).getByRole('button', { name: 'Zoeken' }).click();
    await visitor.waitForURL(`${server.url}/library?theme=loyaliteit&targetGroup=beleidsadviseurs`);
    await visible(status(visitor, '2 casussen gevonden'));
    await axe(visitor, 'filtered');

    await visitor.goBack();
    await visitor.waitForURL(`${server.url}/library?theme=loyaliteit`);
    await visible(status(visitor, '2 casussen gevonden'));
    assert.equal(await searchBox(visitor).getByLabel('Doelgroep').inputValue(), '', 'the form follows the address');

    await searchBox(visitor).getByLabel('Zoekwoorden').fill('onvindbaarwoord');
    await searchBox(visitor).getByRole('button', { name: 'Zoeken' }).click();
    await visible(heading(visitor, 'Geen casussen gevonden', 2));
    await visible(status(visitor, '0 casussen gevonden voor “onvindbaarwoord”'));
    assert.equal(await visitor.getByRole('link', { name: 'Casuskaarten afdrukken (PDF)' }).count(), 0);
    await axe(visitor, 'empty-results');
    await visitor.getByRole('link', { name: 'Alle casussen tonen' }).click();
    await visible(status(visitor, '5 casussen'));
    assert.equal(await searchBox(visitor).getByLabel('Thema', { exact: true }).inputValue(), '');
  });

  it('[LB-21] [LB-22] a facilitator submits a case through the form: errors are tied to their fields, the confirmation says it waits for review', async () => {
    await signIn(facilitator, FACILITATOR, '/library');
    await visible(facilitator.getByRole('link', { name: 'Casus indienen' }));
    assert.equal(await facilitator.getByRole('link', { name: /Te beoordelen/ }).count(), 0, 'a facilitator does not review');
    await facilitator.getByRole('link', { name: 'Casus indienen' }).click();
    await facilitator.waitForURL(`${server.url}/library/new`);
    await visible(heading(facilitator, 'Casus indienen', 1));
    await visible(facilitator.getByRole('checkbox', { name: 'loyaliteit' }));
    await axe(facilitator, 'submit-form');

    await button(facilitator, 'Casus indienen').click();
    await visible(alert(facilitator, 'Er zijn nog 2 punten om te verbeteren'));
    const title = facilitator.getByLabel('Titel: de spanning in één zin');
    const situation = facilitator.getByLabel('De situatie');
    assert.equal(await title.getAttribute('aria-invalid'), 'true');
    assert.match(await description(title), /Geef de casus een titel die de spanning benoemt\./);
    assert.equal(await situation.getAttribute('aria-invalid'), 'true');
    assert.match(await description(situation), /Beschrijf de situatie\./);
    assert.equal(await title.evaluate((e) => e === e.ownerDocument.activeElement), true, 'the focus goes to the first field with an error');
    // One horn without the other is refused too, at the empty one.
    await facilitator.getByLabel(/^Enerzijds/).fill(NEW_CASE.hornA);
    await button(facilitator, 'Casus indienen').click();
    const hornB = facilitator.getByLabel(/^Anderzijds/);
    assert.equal(await hornB.getAttribute('aria-invalid'), 'true');
    assert.match(await description(hornB), /Vul beide kanten van het dilemma in/);
    await axe(facilitator, 'submit-errors');

    await title.fill(NEW_CASE.title);
    await hornB.fill(NEW_CASE.hornB);
    await situation.fill(NEW_CASE.situation);
    await facilitator.getByLabel(/^Wat er werd gedaan/).fill(NEW_CASE.action);
    await facilitator.getByRole('checkbox', { name: 'De toets der openheid hoort bij deze casus' }).check();
    await facilitator.getByRole('checkbox', { name: 'loyaliteit' }).check();
    await facilitator.getByLabel(/^Andere thema's/).fill('Zorgvuldigheid, snelheid');
    await facilitator.getByRole('checkbox', { name: 'uitvoering' }).check();
    await facilitator.getByLabel(/^Vraag 1/).fill(NEW_CASE.prompt);
    await facilitator.getByLabel(/^Bron/).fill('Een gemeente in het oosten van het land');
    assert.equal(await title.getAttribute('aria-invalid'), null, 'the message goes once the field is filled in');
    await button(facilitator, 'Casus indienen').click();
    await visible(heading(facilitator, 'De casus is ingediend', 2));
    await visible(facilitator.getByText('De casus staat nog niet in de casusbank'));
    assert.equal(await heading(facilitator, 'De casus is ingediend', 2).evaluate((e) => e === e.ownerDocument.activeElement), true, 'the confirmation takes the focus');
    await axe(facilitator, 'confirmation');

    const stored = (await storedCases()).find((c) => c.title.nl === NEW_CASE.title);
    assert.ok(stored, 'the case is stored');
    assert.equal(stored.status, 'submitted');
    assert.equal(stored.anonymisation, 'to_check', 'a new case waits for the anonymity check');
    assert.deepEqual(stored.themes, ['loyaliteit', 'zorgvuldigheid', 'snelheid']);
    assert.deepEqual(stored.targetGroups, ['uitvoering']);
    assert.deepEqual(stored.prompts, [{ nl: NEW_CASE.prompt }]);
    assert.equal(stored.publicityTest, true);
    assert.deepEqual(stored.hornA, { nl: NEW_CASE.hornA });
  });

  it('[LB-22] the submitted case is not in the library until it is reviewed', async () => {
    await visitor.goto(`${server.url}/library?q=${NEW_CASE.word}`);
    await visible(heading(visitor, 'Geen casussen gevonden', 2));
    await facilitator.goto(`${server.url}/library?q=${NEW_CASE.word}`);
    await visible(heading(facilitator, 'Geen casussen gevonden', 2));
    assert.deepEqual(await publicSearch(NEW_CASE.word), []);
    const id = (await storedCases()).find((c) => c.title.nl === NEW_CASE.title)!.id;
    assert.equal((await fetch(`${server.url}/api/cases/${id}`)).status, 404, 'not even by its address');
  });

  it('[LB-24] [LB-25] [LB-26] an editor reviews it: the warning, a refusal in words before the check, then the check and publishing, each announced', async () => {
    await signIn(editor, EDITOR, '/library');
    const reviewLink = editor.getByRole('link', { name: /^Te beoordelen \(\d+\)$/ });
    await visible(reviewLink);
    const waiting = (await storedCases()).filter((c) => c.status === 'submitted' || c.status === 'draft').length;
    assert.equal(await reviewLink.textContent(), `Te beoordelen (${waiting})`);
    await reviewLink.click();
    await editor.waitForURL(`${server.url}/library/review`);
    await visible(heading(editor, 'Te beoordelen', 1));
    const item = editor.getByRole('article', { name: NEW_CASE.title });
    await visible(item);
    await visible(item.getByText('Nog niet gecontroleerd.'));
    await visible(item.getByText(NEW_CASE.situation));
    await visible(item.getByText(NEW_CASE.prompt));
    assert.equal(await item.getByRole('button', { name: 'Archiveren' }).count(), 0, 'an editor does not archive');
    assert.equal(await editor.getByRole('link', { name: /^Hele casusbank exporteren/ }).getAttribute('href'), '/api/cases/export.json?scope=all');
    await axe(editor, 'review-queue');

    await item.getByRole('button', { name: 'Publiceren' }).click();
    await visible(alert(editor, 'Publiceren kan pas als u hebt gecontroleerd dat niemand herkenbaar is.'));
    assert.equal((await storedCases()).find((c) => c.title.nl === NEW_CASE.title)?.status, 'submitted');
    await axe(editor, 'review-refused');

    await item.getByRole('checkbox', { name: 'Ik heb gecontroleerd dat niemand herkenbaar is' }).check();
    await visible(status(editor, `Opgeslagen: “${NEW_CASE.title}” is gecontroleerd op herkenbaarheid.`));
    assert.equal((await storedCases()).find((c) => c.title.nl === NEW_CASE.title)?.anonymisation, 'checked');
    assert.equal(await item.getByText('Nog niet gecontroleerd.').count(), 0, 'the warning goes');
    await axe(editor, 'review-checked');

    await item.getByRole('button', { name: 'Publiceren' }).click();
    await visible(status(editor, `“${NEW_CASE.title}” is gepubliceerd en staat nu in de casusbank.`));
    await editor.getByRole('article', { name: NEW_CASE.title }).waitFor({ state: 'detached' });
    assert.equal((await storedCases()).find((c) => c.title.nl === NEW_CASE.title)?.status, 'published');
    await axe(editor, 'review-published');
  });

  it('[LB-20] [LB-27] now the search finds it, and its page shows the prompts, the target groups and the source', async () => {
    await visitor.goto(`${server.url}/library`);
    await searchBox(visitor).getByLabel('Zoekwoorden').fill(NEW_CASE.word);
    await searchBox(visitor).getByRole('button', { name: 'Zoeken' }).click();
    await visible(status(visitor, `1 casus gevonden voor “${NEW_CASE.word}”`));
    assert.deepEqual(await cardLinks(visitor).allTextContents(), [NEW_CASE.title]);
    await cardLinks(visitor).first().click();
    await visible(heading(visitor, NEW_CASE.title, 1));
    await visible(heading(visitor, 'Gespreksvragen', 2));
    await visible(visitor.getByRole('listitem').filter({ hasText: NEW_CASE.prompt }));
    await visible(visitor.getByText('Doelgroepen:'));
    await visible(visitor.getByText('Bron: Een gemeente in het oosten van het land'));
    await axe(visitor, 'case');

    await visitor.goto(`${server.url}/library/groen-licht-of-niet`);
    await visible(heading(visitor, 'Gespreksvragen', 2));
    await axe(visitor, 'starter-case');
  });

  it('[LB-38] an editor edits the published case: the form comes filled in, an English text is added beside the Dutch, the rest stays', async () => {
    const before = (await storedCases()).find((c) => c.title.nl === NEW_CASE.title)!;
    assert.equal(before.status, 'published');
    // A visitor is offered no edit, and the edit page asks to sign in.
    await visitor.goto(`${server.url}/library/${before.id}`);
    await visible(heading(visitor, NEW_CASE.title, 1));
    assert.equal(await visitor.getByRole('link', { name: 'Casus bewerken' }).count(), 0, 'no edit link for a visitor');
    await visitor.goto(`${server.url}/library/${before.id}/edit`);
    await visible(heading(visitor, 'Log eerst in', 1));
    assert.equal(
      await visitor.getByRole('link', { name: 'Naar inloggen' }).getAttribute('href'),
      `/login?next=${encodeURIComponent(`/library/${before.id}/edit`)}`,
      'after signing in, back to the edit page',
    );

    await editor.goto(`${server.url}/library/${before.id}`);
    await editor.getByRole('link', { name: 'Casus bewerken' }).click();
    await editor.waitForURL(`${server.url}/library/${before.id}/edit`);
    await visible(heading(editor, NEW_CASE.title, 1));
    await visible(editor.getByText('Deze casus staat in de casusbank: wat u opslaat, ziet iedereen meteen.'));
    const form = editor.locator('form.gw-case-form');
    const title = form.getByLabel('Titel: de spanning in één zin');
    const situation = form.getByLabel('De situatie');
    assert.equal(await title.inputValue(), NEW_CASE.title, 'the form comes filled in');
    assert.equal(await situation.inputValue(), NEW_CASE.situation);
    assert.equal(await form.getByLabel('Vraag 1').inputValue(), NEW_CASE.prompt);
    assert.ok(await form.getByRole('checkbox', { name: 'Uitvoering' }).isChecked(), 'its target group is ticked');
    assert.equal(await form.getByRole('radio', { name: /^Nederlands/ }).isChecked(), true);
    await visible(form.getByRole('radio', { name: 'English (nog geen tekst)' }));
    await axe(editor, 'edit');

    // An empty title is refused at its field; nothing is stored.
    await title.fill('');
    await button(editor, 'Wijzigingen opslaan').click();
    await visible(form.getByText('Geef de casus een titel die de spanning benoemt.'));
    assert.equal(await title.getAttribute('aria-invalid'), 'true');
    assert.equal(await editor.evaluate('document.activeElement?.id'), await title.getAttribute('id'), 'the focus goes to the title');
    await axe(editor, 'edit-error');

    await title.fill(NEW_CASE.title);
    await situation.fill(`${NEW_CASE.situation} ${EDIT.addition}`);
    // The English text, written beside the Dutch; the Dutch edit is kept while the form shows English.
    await form.getByRole('radio', { name: /^English/ }).check();
    assert.equal(await title.inputValue(), '', 'no English text yet');
    assert.equal(await title.getAttribute('lang'), 'en', 'the text is marked as English for screen readers');
    await title.fill(EDIT.titleEn);
    await situation.fill(EDIT.situationEn);
    await axe(editor, 'edit-english');
    await form.getByRole('radio', { name: /^Nederlands/ }).check();
    assert.equal(await situation.inputValue(), `${NEW_CASE.situation} ${EDIT.addition}`, 'the Dutch edit is kept');
    await button(editor, 'Wijzigingen opslaan').click();
    const saved = heading(editor, 'De wijzigingen zijn opgeslagen', 2);
    await visible(saved);
    assert.equal(await editor.evaluate('document.activeElement?.textContent'), 'De wijzigingen zijn opgeslagen', 'the confirmation takes the focus');
    await visible(editor.getByText(`“${NEW_CASE.title}” is bijgewerkt. De status is niet veranderd: Gepubliceerd.`));
    await axe(editor, 'edit-saved');

    const after = (await storedCases()).find((c) => c.id === before.id)!;
    assert.deepEqual(after.title, { nl: NEW_CASE.title, en: EDIT.titleEn });
    assert.deepEqual(after.situation, { nl: `${NEW_CASE.situation} ${EDIT.addition}`, en: EDIT.situationEn });
    // Everything else stays: the other fields, the status, the anonymity check, the consent.
    const { title: _t, situation: _s, ...rest } = after;
    const { title: _bt, situation: _bs, ...restBefore } = before;
    assert.deepEqual(rest, restBefore);

    // The change is in the library at once, in both languages.
    assert.deepEqual((await publicSearch(EDIT.word)).map((c) => c.id), [before.id]);
    await editor.getByRole('link', { name: 'Bekijk de casus' }).click();
    await visible(editor.getByText(EDIT.addition, { exact: false }));

  });

  it('[LB-21] [LB-25] [LB-27] [LB-38] on a phone (390 px, and 320 px): the library, a submission with errors, the queue where a case is sent back, its page and its edit', async () => {
    const phone = await open('phone visitor', PHONE);
    await phone.goto(`${server.url}/library`);
    await visible(status(phone, '6 casussen'));
    await axe(phone, 'phone-library');
    await fits320(phone, 'library');
    await searchBox(phone).getByLabel('Zoekwoorden').fill('verantwoordelijkheden');
    await searchBox(phone).getByRole('button', { name: 'Zoeken' }).click();
    await visible(status(phone, 'casussen gevonden voor “verantwoordelijkheden”'));
    await axe(phone, 'phone-results');

    const staff = await open('phone facilitator', PHONE);
    await signIn(staff, FACILITATOR, '/library/new');
    await visible(heading(staff, 'Casus indienen', 1));
    await button(staff, 'Casus indienen').click();
    await visible(alert(staff, 'Er zijn nog 2 punten om te verbeteren'));
    await axe(staff, 'phone-submit-errors');
    await fits320(staff, 'submit form');
    await staff.getByLabel('Titel: de spanning in één zin').fill(PHONE_CASE.title);
    await staff.getByLabel('De situatie').fill(PHONE_CASE.situation);
    await button(staff, 'Casus indienen').click();
    await visible(heading(staff, 'De casus is ingediend', 2));
    await axe(staff, 'phone-confirmation');

    const reviewer = await open('phone editor', PHONE);
    await signIn(reviewer, EDITOR, '/library/review');
    const item = reviewer.getByRole('article', { name: PHONE_CASE.title });
    await visible(item);
    await axe(reviewer, 'phone-review-queue');
    await fits320(reviewer, 'review queue');
    await item.getByRole('button', { name: 'Terugsturen' }).click();
    await visible(status(reviewer, `“${PHONE_CASE.title}” is teruggestuurd en staat weer als concept in de lijst.`));
    await visible(item.getByText('Concept', { exact: true }));
    assert.equal(await item.getByRole('button', { name: 'Terugsturen' }).count(), 0, 'a draft cannot be sent back again');
    assert.equal((await storedCases()).find((c) => c.title.nl === PHONE_CASE.title)?.status, 'draft');
    await axe(reviewer, 'phone-review-returned');

    assert.match((await item.getByRole('link', { name: /^Bewerken/ }).getAttribute('href')) ?? '', /^\/library\/[a-z0-9-]+\/edit$/, 'the queue offers the edit');

    // A reviewer may open the case's page: it says the case is not in the library.
    await item.getByRole('link', { name: /^Casuspagina bekijken/ }).click();
    await visible(heading(reviewer, PHONE_CASE.title, 1));
    await visible(reviewer.getByRole('note').filter({ hasText: 'Deze casus staat niet in de casusbank (Concept).' }));
    await axe(reviewer, 'phone-case-unpublished');

    // [LB-38] …and edit it there, on the phone; the draft stays a draft.
    await reviewer.getByRole('link', { name: 'Casus bewerken' }).click();
    await visible(reviewer.locator('form.gw-case-form'));
    await axe(reviewer, 'phone-edit');
    await fits320(reviewer, 'edit');
    await reviewer.getByLabel(/^Bron/).fill(EDIT.source);
    await button(reviewer, 'Wijzigingen opslaan').click();
    await visible(heading(reviewer, 'De wijzigingen zijn opgeslagen', 2));
    await visible(reviewer.getByText('De status is niet veranderd: Concept.', { exact: false }));
    await axe(reviewer, 'phone-edit-saved');
    const edited = (await storedCases()).find((c) => c.title.nl === PHONE_CASE.title)!;
    assert.deepEqual([edited.status, edited.source], ['draft', { nl: EDIT.source }]);
  });

  it('[LB-23] a participant proposes a case from the meeting on their phone; it names the meeting, not the person', async () => {
    let n = 0;
    const made = await server.engine.createMeeting({ methodId: testMethod.id, title: { nl: 'Beraad over melden' }, facilitators: [], centralQuestions: [], caseIds: [] }, testMethod);
    const run = async (command: LiveCommand | { type: 'OpenMeeting' }, actor: Actor = { role: 'facilitator' }) => {
      const outcome = await server.engine.execute({ meetingId: made.meetingId, commandId: `lib-${n++}-abcdefgh`, command, actor });
      assert.notEqual(outcome.kind, 'rejected', JSON.stringify(outcome));
    };
    await run({ type: 'OpenMeeting' });
    const joinCode = (await server.store.getMeeting<MeetingState>(made.meetingId))?.state.joinCode ?? '';
    const phone = await open('phone participant', PHONE);
    await phone.goto(`${server.url}/join`);
    await phone.getByLabel('Code van de bijeenkomst').fill(joinCode);
    await button(phone, 'Deelnemen').click();
    await phone.getByLabel('Ik houd me aan deze afspraak').check();
    await button(phone, 'Meedoen').click();
    await visible(heading(phone, 'We beginnen zo'));

    await phone.getByRole('link', { name: 'Een dilemma uit je eigen werk? Stel een casus voor' }).click();
    await phone.waitForURL(`${server.url}/m/${made.meetingId}/casus`);
    await visible(heading(phone, 'Een casus voorstellen', 1));
    assert.equal(await phone.getByLabel(/^Bron/).count(), 0, 'a participant does not name a source');
    await axe(phone, 'participant-form');
    await phone.getByLabel('Titel: de spanning in één zin').fill(PARTICIPANT_CASE.title);
    await phone.getByLabel('De situatie').fill(PARTICIPANT_CASE.situation);
    await button(phone, 'Casus indienen').click();
    await visible(heading(phone, 'De casus is ingediend', 2));
    await axe(phone, 'participant-confirmation');

    const stored = (await storedCases()).find((c) => c.title.nl === PARTICIPANT_CASE.title);
    assert.ok(stored, 'the case is stored');
    assert.equal(stored.status, 'submitted');
    assert.equal(stored.sourceMeetingId, made.meetingId);
    assert.equal(stored.anonymisation, 'to_check');
    const participantId = await phone.evaluate<string>(`JSON.parse(localStorage.getItem('goedwerk.participant.${made.meetingId}')).participantId`);
    assert.ok(!JSON.stringify(stored).includes(participantId), 'no participant id is kept with the case');
    await phone.locator('.gw-case-sent').getByRole('link', { name: 'Terug naar de bijeenkomst' }).click();
    await visible(heading(phone, 'We beginnen zo'));
  });

  it('[LB-29] from the meeting page a facilitator turns a group\'s dilemma into a draft case, only with consent; the editor finds it waiting', async () => {
    await facilitator.goto(`${server.url}/meetings/goed-werk-hub-2014`);
    await visible(heading(facilitator, 'Van bijeenkomst naar casus', 2));
    const groups = facilitator.locator('.gw-meeting-case__group');
    assert.equal(await groups.count(), 5, 'the five groups of the held meeting');
    const first = groups.first();
    const title = (await first.getByRole('heading').textContent()) ?? '';
    assert.match(title, / tegenover /, 'the dilemma as the group phrased it');
    const before = (await storedCases()).length;
    await first.getByRole('button', { name: 'Maak conceptcasus' }).click();
    await visible(first.getByText('Vink eerst aan dat de inbrenger toestemming geeft.'));
    assert.equal((await storedCases()).length, before, 'nothing made without consent');
    await axe(facilitator, 'meeting-to-case-consent');
    await first.getByLabel(/De inbrenger geeft toestemming/).check();
    await first.getByRole('button', { name: 'Maak conceptcasus' }).click();
    await visible(status(facilitator, 'De conceptcasus is gemaakt en wacht op beoordeling'));
    const made = (await storedCases()).filter((c) => c.sourceMeetingId === 'goed-werk-hub-2014');
    assert.equal(made.length, 1);
    assert.equal(made[0]?.status, 'draft');
    assert.ok(!(await publicSearch('')).some((c) => c.id === made[0]?.id), 'not in the library yet');
    await axe(facilitator, 'meeting-to-case-made');
    await visitor.goto(`${server.url}/meetings/goed-werk-hub-2014`);
    await visible(heading(visitor, 'Programma van de bijeenkomst', 2));
    assert.equal(await visitor.getByRole('heading', { name: 'Van bijeenkomst naar casus' }).count(), 0, 'a visitor is not offered this');
    await editor.goto(`${server.url}/library/review`);
    await visible(editor.getByText(made[0]?.title.nl ?? '—'));
  });

  it('[LB-28] no page of the library logs a script error or a Content-Security-Policy violation', () => {
    assert.deepEqual(problems, []);
  });

  it('[LB-28] axe finds no WCAG 2.1 AA violations in any state of the library', () => {
    assert.ok(statesScanned >= 20, `scanned ${statesScanned} states`);
    assert.equal(violations, 0, violationDetails.join('\n'));
  });
});
