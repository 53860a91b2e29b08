import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Download, Locator, Page } from 'playwright-core';
import type { Actor, LiveCommand, MeetingState } from '@goedwerk/core';
import { testMethod } from '../packages/core/src/test-fixtures.ts';
import { startTestServer, type TestServer } from '../packages/server/src/test-harness.ts';
import { launchChromium, scanAxe } from './browser.ts';

const webRoot = fileURLToPath(new URL('../packages/web/dist', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const WAIT = 10_000;
const NAME = 'Marieke Kanarie';
const CARD = 'Ik twijfelde of ik de klacht moest doorzetten.';
const ADMIN = { email: 'beheer@example.org', password: 'een lange zin als wachtwoord' };

interface ParticipantData {
  readonly format: string;
  readonly meetingId: string;
  readonly participantId: string;
  readonly displayName?: string;
  readonly namedContributions: readonly { stepId: string; payload: { kind: string; text?: string } }[];
}

/**
 * [PV-5] A participant's own data on their phone: a named meeting step, then "Jouw gegevens" at the
 * foot of the page shows their pseudonymous code and downloads what the meeting keeps about them;
 * the organiser erases them by that code.
 */
describe('browser: a participant sees their code and downloads their own data on the phone', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let phone: Page;
  const problems: string[] = [];
  let statesScanned = 0;
  let violations = 0;
  const violationDetails: string[] = [];
  let meetingId = '';
  let code = '';
  let n = 0;

  const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: WAIT });
  const heading = (name: string | RegExp) => phone.getByRole('heading', { name });
  const button = (name: string | RegExp) => phone.getByRole('button', { name });

  async function run(command: LiveCommand | { type: 'OpenMeeting' }, actor: Actor = { role: 'facilitator' }) {
    const outcome = await server.engine.execute({ meetingId, commandId: `e2e-${n++}-abcdefgh`, command, actor });
    assert.notEqual(outcome.kind, 'rejected', JSON.stringify(outcome));
  }

  async function axe(state: string) {
    const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.equal(overflow, 0, `no horizontal scrolling (${state})`);
    const result = await scanAxe(phone);
    statesScanned++;
    violations += result.violations;
    violationDetails.push(...result.details.map((d) => `${state}: ${d}`));
    await phone.screenshot({ path: `${shots}privacy-${state}.png`, fullPage: true });
    assert.deepEqual(result.details, [], `axe on ${state}`);
  }

  async function downloadData(): Promise<{ download: Download; data: ParticipantData }> {
    const [download] = await Promise.all([phone.waitForEvent('download', { timeout: WAIT }), button('Download mijn gegevens').click()]);
    const path = await download.path();
    return { download, data: JSON.parse(await readFile(path, 'utf8')) as ParticipantData };
  }

  before(async () => {
    assert.ok(existsSync(`${webRoot}/index.html`), 'the web client is built (npm run build)');
    await mkdir(shots, { recursive: true });
    server = await startTestServer({ webRoot });
    const made = await server.engine.createMeeting({ methodId: testMethod.id, title: { nl: 'Beraad over tegenspraak' }, facilitators: [], centralQuestions: [], caseIds: [] }, testMethod);
    meetingId = made.meetingId;
    await run({ type: 'OpenMeeting' });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    context.setDefaultTimeout(WAIT);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    phone = await context.newPage();
    phone.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    phone.on('pageerror', (e) => problems.push(e.message));
  });

  after(async () => {
    console.log(`FIGURE axe_states_scanned=${statesScanned}`);
    console.log(`FIGURE axe_violations=${violations}`);
    for (const detail of violationDetails) console.log(`# axe: ${detail}`);
    await context?.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('[PV-5] a participant who made a named contribution opens "Jouw gegevens", sees their code, and downloads a file with their name and contribution', async () => {
    const joinCode = (await server.store.getMeeting<MeetingState>(meetingId))?.state.joinCode ?? '';
    await phone.goto(`${server.url}/join`);
    await phone.getByLabel('Code van de bijeenkomst').fill(joinCode);
    await button('Deelnemen').click();
    await visible(heading('Afspraak over vertrouwelijkheid'));
    await phone.getByLabel('Ik houd me aan deze afspraak').check();
    await phone.getByLabel('Je naam (niet verplicht)').fill(NAME);
    await button('Meedoen').click();
    await visible(heading('We beginnen zo'));

    await run({ type: 'StartMeeting' });
    await run({ type: 'GoToStep', stepId: 'genoemd' });
    await visible(heading('Met naam'));
    await phone.getByLabel('Je kaartje').fill(CARD);
    await button('Kaartje toevoegen').click();
    await visible(phone.getByText('Je kaartje is toegevoegd.'));

    // Closed at first, and out of the way: below the meeting.
    const details = phone.locator('details.gw-your-data');
    const summary = details.locator('summary', { hasText: 'Jouw gegevens' });
    await visible(summary);
    assert.equal(await details.getAttribute('open'), null, 'closed until asked for');
    const below = await phone.evaluate<boolean>(
      `document.querySelector('.gw-live').compareDocumentPosition(document.querySelector('details.gw-your-data')) === Node.DOCUMENT_POSITION_FOLLOWING`,
    );
    assert.ok(below, 'after the meeting on the page');
    await summary.click();
    const codeElement = details.locator('code.gw-your-data__code');
    await visible(codeElement);
    code = ((await codeElement.textContent()) ?? '').trim();
    const stored = await phone.evaluate<string>(`JSON.parse(localStorage.getItem('goedwerk.participant.${meetingId}')).participantId`);
    assert.equal(code, stored, 'the code is the pseudonymous id this browser made');
    assert.ok((await server.store.getMeeting<MeetingState>(meetingId))?.state.participants[code], 'and the meeting knows them by it');
    await visible(details.getByText('Je naam (als je die gaf) en wat je bij stappen met naam invult'));

    await button('Code kopiëren').click();
    await visible(details.getByRole('status').filter({ hasText: 'De code is gekopieerd.' }));
    assert.equal(await phone.evaluate<string>('navigator.clipboard.readText()'), code);

    const { download, data } = await downloadData();
    assert.equal(download.suggestedFilename(), `goedwerk-${meetingId}-mijn-gegevens.json`);
    assert.equal(data.format, 'goedwerk-participant-data');
    assert.deepEqual([data.meetingId, data.participantId, data.displayName], [meetingId, code, NAME]);
    assert.deepEqual(
      data.namedContributions.map((c) => [c.stepId, c.payload.text]),
      [['genoemd', CARD]],
    );
    await visible(details.getByRole('status').filter({ hasText: 'Het bestand met je gegevens is gedownload.' }));

    // Touch targets of at least 44 px.
    for (const target of [summary, button('Code kopiëren'), button('Download mijn gegevens')]) {
      const box = await target.boundingBox();
      assert.ok(box && box.height >= 44, `a touch target of at least 44 px high (${JSON.stringify(box)})`);
    }
    await details.scrollIntoViewIfNeeded();
    await axe('phone-your-data');
    await phone.screenshot({ path: '/tmp/phone-privacy.png', fullPage: true });

    // The narrowest phone: nothing sticks out.
    await phone.setViewportSize({ width: 320, height: 640 });
    await axe('phone-your-data-320');
    await phone.setViewportSize({ width: 390, height: 844 });
  });

  it('[PV-5] with the code from the phone, the organiser erases the participant; a new download has neither name nor contribution', async () => {
    assert.ok(code, 'the first step read the code');
    await server.accounts.createAdmin(ADMIN.email, 'Beheer', ADMIN.password);
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const erased = await fetch(`${server.url}/api/meetings/${meetingId}/participants/${code}/erase`, { method: 'POST', headers: { cookie } });
    assert.equal(erased.status, 200);
    assert.deepEqual(await erased.json(), { contributionsErased: 1 });

    const { data } = await downloadData();
    assert.equal(data.participantId, code);
    assert.equal(data.displayName, undefined);
    assert.deepEqual(data.namedContributions, []);
  });

  it('[PV-5] the phone logs no script error or Content-Security-Policy violation', () => {
    assert.deepEqual(problems, []);
    assert.equal(violations, 0);
  });
});
