import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { loadDemo } from '../packages/server/src/demo.ts';
import { startTestServer, type TestServer } from '../packages/server/src/test-harness.ts';
import { launchChromium, overflow, scanAxe } from './browser.ts';

const webRoot = fileURLToPath(new URL('../packages/web/dist', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const WAIT = 10_000;

const ADMIN = { email: 'beheer@example.org', name: 'Ada Beheer', password: 'een lange zin als wachtwoord' };
const FACILITATOR = { email: 'frits@example.org', name: 'Frits Facilitator', password: 'goed werk begint bij jezelf' };
const WRONG_CREDENTIALS = 'Het e-mailadres of het wachtwoord klopt niet.';
// Prepared in English from the Dutch interface: the title is stored in English and still shows in Dutch pages.
const MEETING_TITLE = 'Loyalty and dissent';

/**
 * Staff accounts in the browser: the first admin signs in, invites a facilitator, who sets a
 * password through the invitation link, prepares a meeting and opens it from the console; signing
 * out ends the session everywhere; the admin disables the facilitator and ends every session.
 */
describe('browser: signing in, inviting, preparing a meeting, signing out everywhere, disabling', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let statesScanned = 0;
  let violations = 0;
  const violationDetails: string[] = [];

  let admin: Page;
  let adminContext: BrowserContext;
  let facilitator: Page;
  let facilitatorContext: BrowserContext;
  let inviteLink = '';
  let meetingId = '';

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
    await page.screenshot({ path: `${shots}accounts-${state}.png`, fullPage: true });
    assert.deepEqual(result.details, [], `axe on ${state}`);
  }

  function watch(page: Page, name: string): Page {
    page.on('console', (m) => {
      // By design a signed-out session check or a wrong password answers 401, an address taken 409 and a
      // throttled login 429; Chromium logs every 4xx.
      if (m.type() === 'error' && !/status of (401 \(Unauthorized\)|409 \(Conflict\)|429 \(Too Many Requests\))/.test(m.text())) problems.push(`${name}: ${m.text()}`);
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
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Hoofdmenu' });
  const alert = (page: Page, text: string) => page.getByRole('alert').filter({ hasText: text });
  const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

  /** Fills in the login form and sends it; resolves with the status of the server's answer. */
  async function signIn(page: Page, email: string, password: string): Promise<number> {
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(password);
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/login')), button(page, 'Inloggen').click()]);
    return response.status();
  }

  /** The session cookie's value in a browser context (HttpOnly: not readable by the page). */
  async function sessionCookie(context: BrowserContext): Promise<string> {
    const cookie = (await context.cookies(server.url)).find((c) => c.name === 'goedwerk_session');
    assert.ok(cookie, 'a session cookie is set');
    assert.equal(cookie.httpOnly, true, 'HttpOnly');
    assert.equal(cookie.sameSite, 'Strict', 'SameSite=Strict');
    return cookie.value;
  }

  /** What the server says of a session id, asked without a browser. */
  async function sessionStatus(sessionId: string): Promise<number> {
    const response = await fetch(`${server.url}/api/auth/session`, { headers: { cookie: `goedwerk_session=${sessionId}` } });
    return response.status;
  }

  before(async () => {
    assert.ok(existsSync(`${webRoot}/index.html`), 'the web client is built (npm run build)');
    await mkdir(shots, { recursive: true });
    server = await startTestServer({ webRoot });
    await loadDemo(server.store, server.engine, server.content);
    assert.ok(await server.accounts.createAdmin(ADMIN.email, ADMIN.name, ADMIN.password), 'the first admin');
    browser = await launchChromium();
    admin = await open('admin', { width: 1280, height: 900 });
    adminContext = admin.context();
    facilitator = await open('facilitator', { width: 1280, height: 900 });
    facilitatorContext = facilitator.context();
  });

  after(async () => {
    console.log(`FIGURE axe_states_scanned=${statesScanned}`);
    console.log(`FIGURE axe_violations=${violations}`);
    for (const detail of violationDetails) console.log(`# axe: ${detail}`);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('[E2E-40] the admin signs in on /login and lands on their account, named in the header with "Uitloggen"', async () => {
    await admin.goto(`${server.url}/login`);
    await visible(heading(admin, 'Inloggen', 1));
    await visible(nav(admin).getByRole('link', { name: 'Inloggen' }));
    assert.equal(await admin.getByLabel('E-mailadres').getAttribute('autocomplete'), 'email');
    assert.equal(await admin.getByLabel('Wachtwoord').getAttribute('autocomplete'), 'current-password');
    await axe(admin, 'login');

    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.waitForURL(`${server.url}/account`);
    await visible(heading(admin, ADMIN.name, 1));
    await visible(admin.locator('.gw-account-facts', { hasText: 'Beheerder' }));
    await visible(admin.getByRole('link', { name: 'Nieuwe bijeenkomst voorbereiden' }));
    await visible(admin.getByRole('link', { name: 'Accounts beheren' }));
    await visible(nav(admin).getByRole('link', { name: `Ingelogd als ${ADMIN.name}` }));
    await visible(nav(admin).getByRole('button', { name: 'Uitloggen' }));
    await sessionCookie(adminContext);
    await axe(admin, 'account-admin');
  });

  it('[E2E-41] the admin invites a facilitator on /admin/accounts and reads the invitation link, shown once with a copy button', async () => {
    await adminContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await admin.getByRole('link', { name: 'Accounts beheren' }).click();
    await admin.waitForURL(`${server.url}/admin/accounts`);
    await visible(heading(admin, 'Accounts beheren', 1));
    const own = admin.locator('.gw-account-item', { hasText: ADMIN.email });
    await visible(own.getByText('Actief'));
    assert.equal(await own.getByRole('button').count(), 0, 'the admin cannot disable their own account');
    await axe(admin, 'admin-accounts');

    // Nothing is sent without an address.
    await button(admin, 'Uitnodiging maken').click();
    await visible(alert(admin, 'Vul een e-mailadres in.'));

    await admin.getByLabel('E-mailadres').fill(FACILITATOR.email);
    await admin.getByLabel('Naam', { exact: true }).fill(FACILITATOR.name);
    await admin.getByLabel('Rol').selectOption('facilitator');
    await button(admin, 'Uitnodiging maken').click();
    await visible(heading(admin, `Uitnodiging voor ${FACILITATOR.name}`));
    inviteLink = await admin.getByLabel('Uitnodigingslink', { exact: true }).inputValue();
    assert.match(inviteLink, new RegExp(`^${server.url}/invitation#token=[A-Za-z0-9_-]{20,}$`));
    await button(admin, 'Kopiëren: Uitnodigingslink').click();
    await visible(status(admin, 'De link is gekopieerd.'));
    assert.equal(await admin.evaluate('navigator.clipboard.readText()'), inviteLink);
    await visible(status(admin, `De uitnodiging voor ${FACILITATOR.name} is gemaakt.`));
    await visible(admin.locator('.gw-account-item', { hasText: FACILITATOR.email }).getByText('Uitgenodigd'));
    await axe(admin, 'admin-invited');

    // The same address again is refused.
    await admin.getByLabel('E-mailadres').fill(FACILITATOR.email.toUpperCase());
    await admin.getByLabel('Naam', { exact: true }).fill('Nog eens Frits');
    await button(admin, 'Uitnodiging maken').click();
    await visible(alert(admin, 'Er is al een account met dit e-mailadres.'));
    // The link was shown once: a reload does not bring it back.
    await admin.reload();
    await visible(admin.locator('.gw-account-item', { hasText: FACILITATOR.email }));
    assert.equal(await admin.getByLabel('Uitnodigingslink', { exact: true }).count(), 0);
  });

  it('[E2E-42] the facilitator opens the invitation in another browser, sets a password of at least 12 characters twice, and is signed in', async () => {
    await facilitator.goto(inviteLink);
    await visible(heading(facilitator, 'Wachtwoord instellen', 1));
    assert.equal(new URL(facilitator.url()).hash, '', 'the token leaves the address bar');
    const password = facilitator.getByLabel('Nieuw wachtwoord');
    const repeat = facilitator.getByLabel('Herhaal het wachtwoord');
    assert.equal(await password.getAttribute('autocomplete'), 'new-password');
    assert.equal(await repeat.getAttribute('autocomplete'), 'new-password');
    await visible(facilitator.getByText('Minstens 12 tekens.', { exact: false }));
    await axe(facilitator, 'invitation');

    await password.fill('te kort');
    await repeat.fill('te kort');
    await button(facilitator, 'Wachtwoord instellen en inloggen').click();
    await visible(alert(facilitator, 'Het wachtwoord is te kort'));
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    await password.fill(FACILITATOR.password);
    await repeat.fill(`${FACILITATOR.password}!`);
    await button(facilitator, 'Wachtwoord instellen en inloggen').click();
    await visible(alert(facilitator, 'De twee wachtwoorden zijn niet gelijk.'));
    await axe(facilitator, 'invitation-error');

    await repeat.fill(FACILITATOR.password);
    await button(facilitator, 'Wachtwoord instellen en inloggen').click();
    await facilitator.waitForURL(`${server.url}/account`);
    await visible(heading(facilitator, FACILITATOR.name, 1));
    await visible(facilitator.locator('.gw-account-facts', { hasText: 'Begeleider' }));
    await visible(nav(facilitator).getByRole('link', { name: `Ingelogd als ${FACILITATOR.name}` }));
    assert.equal(await facilitator.getByRole('link', { name: 'Accounts beheren' }).count(), 0, 'only an admin manages accounts');
    await axe(facilitator, 'account-facilitator');

    await admin.reload();
    await visible(admin.locator('.gw-account-item', { hasText: FACILITATOR.email }).getByText('Actief'));
  });

  it('[E2E-43] the facilitator prepares a meeting on /meetings/new, follows "Open de console" and opens the meeting', async () => {
    await facilitator.getByRole('link', { name: 'Nieuwe bijeenkomst voorbereiden' }).click();
    await facilitator.waitForURL(`${server.url}/meetings/new`);
    await visible(heading(facilitator, 'Nieuwe bijeenkomst voorbereiden', 1));
    // The meeting's language: a radio group, the interface's language (Dutch) until chosen.
    const language = facilitator.getByRole('group', { name: 'Taal van de bijeenkomst' });
    await visible(language);
    assert.equal(await language.getByRole('radio', { name: 'Nederlands' }).isChecked(), true, 'Dutch by default, as the interface');
    assert.equal(await language.getByRole('radio', { name: 'English' }).isChecked(), false);
    await axe(facilitator, 'new-meeting');

    await button(facilitator, 'Bijeenkomst aanmaken').click();
    await visible(alert(facilitator, 'Geef de bijeenkomst een titel.'));

    await facilitator.getByLabel('Werkvorm').selectOption('goed-werk-hub');
    await language.getByRole('radio', { name: 'English' }).check();
    assert.equal(await facilitator.getByLabel('Titel').getAttribute('lang'), 'en', 'the title is typed in the chosen language');
    await facilitator.getByLabel('Titel').fill(MEETING_TITLE);
    await facilitator.getByLabel(/^Datum/).fill('2026-03-12');
    await facilitator.getByLabel(/^Plaats/).fill('Utrecht');
    await facilitator.getByLabel(/^Programma/).selectOption('routekaart-goed-werk');
    await button(facilitator, 'Bijeenkomst aanmaken').click();
    await visible(heading(facilitator, 'De bijeenkomst is aangemaakt', 2));
    const consoleLink = await facilitator.getByLabel('Link van de begeleidersconsole', { exact: true }).inputValue();
    const screenLink = await facilitator.getByLabel('Link van het presentatiescherm', { exact: true }).inputValue();
    const found = new RegExp(`^${server.url}/console/([^/#]+)#token=[A-Za-z0-9_-]{20,}$`).exec(consoleLink);
    assert.ok(found, `a console link: ${consoleLink}`);
    meetingId = found[1]!;
    assert.match(screenLink, new RegExp(`^${server.url}/screen/${meetingId}#token=[A-Za-z0-9_-]{20,}$`));
    const stored = await server.store.getMeeting<{ status: string; spec: { title: { nl?: string; en?: string }; language?: string; date?: string; location?: string; programmeId?: string } }>(meetingId);
    assert.equal(stored?.state.status, 'draft');
    assert.equal(stored?.state.spec.language, 'en', 'the meeting is held in English');
    assert.deepEqual(stored?.state.spec.title, { en: MEETING_TITLE }, 'its title is stored in English');
    assert.equal(stored?.state.spec.date, '2026-03-12');
    assert.equal(stored?.state.spec.location, 'Utrecht');
    assert.equal(stored?.state.spec.programmeId, 'routekaart-goed-werk');
    await axe(facilitator, 'meeting-made');

    await facilitator.getByRole('link', { name: 'Open de console' }).click();
    await facilitator.waitForURL((url) => url.pathname === `/console/${meetingId}`);
    // The Dutch console shows the English-only title (a title falls back to the other language).
    await visible(heading(facilitator, MEETING_TITLE, 1));
    assert.ok(!facilitator.url().includes('#token'), 'the console token leaves the address bar');
    await button(facilitator, 'Openen voor deelnemers').click();
    await visible(facilitator.locator('.gw-join-facts__code'));
    let meetingStatus = '';
    for (let i = 0; i < 50 && meetingStatus !== 'open'; i++) {
      meetingStatus = (await server.store.getMeeting<{ status: string }>(meetingId))?.state.status ?? '';
      if (meetingStatus !== 'open') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(meetingStatus, 'open', 'the meeting is open');
    await visible(nav(facilitator).getByRole('link', { name: `Ingelogd als ${FACILITATOR.name}` }));
  });

  it('[E2E-44] signing out in one tab ends the session everywhere: the other tab shows the signed-out state and the session is refused', async () => {
    const second = watch(await facilitatorContext.newPage(), 'facilitator, second tab');
    await second.goto(`${server.url}/account`);
    await visible(heading(second, FACILITATOR.name, 1));
    const sessionId = await sessionCookie(facilitatorContext);
    assert.equal(await sessionStatus(sessionId), 200);

    // The first tab is still on the console: the header's "Uitloggen".
    await nav(facilitator).getByRole('button', { name: 'Uitloggen' }).click();
    await facilitator.waitForURL(`${server.url}/login`);
    await visible(status(facilitator, 'U bent uitgelogd.'));
    await visible(nav(facilitator).getByRole('link', { name: 'Inloggen' }));
    await axe(facilitator, 'signed-out');

    await second.reload();
    await visible(heading(second, 'Log eerst in', 1));
    await visible(nav(second).getByRole('link', { name: 'Inloggen' }));
    assert.equal(await second.evaluate(`fetch('/api/auth/session').then((r) => r.status)`), 401);
    // Not just a forgotten cookie: the server ended the session itself.
    assert.equal(await sessionStatus(sessionId), 401, 'the old session id is refused');
    await axe(second, 'signed-out-prompt');
    await second.close();
  });

  it('[E2E-45] the admin disables the facilitator after a confirmation; the facilitator can no longer sign in', async () => {
    await admin.reload();
    const item = admin.locator('.gw-account-item', { hasText: FACILITATOR.email });
    await visible(item.getByText('Actief'));
    await item.getByRole('button', { name: `Uitschakelen: ${FACILITATOR.name}` }).click();
    await visible(item.getByText(`${FACILITATOR.name} uitschakelen?`, { exact: false }));
    assert.equal(await item.getByRole('button', { name: 'Annuleren' }).evaluate((e) => e === e.ownerDocument.activeElement), true, 'the focus goes to cancel');
    await axe(admin, 'admin-confirm-disable');
    await item.getByRole('button', { name: 'Ja, uitschakelen' }).click();
    await visible(status(admin, `Het account van ${FACILITATOR.name} is uitgeschakeld.`));
    await visible(item.getByText('Uitgeschakeld'));
    assert.equal(await item.getByRole('button').count(), 0);

    assert.equal(await signIn(facilitator, FACILITATOR.email, FACILITATOR.password), 401);
    await visible(alert(facilitator, WRONG_CREDENTIALS));
    assert.equal(new URL(facilitator.url()).pathname, '/login');
  });

  it('[E2E-46] a wrong password shows the same error as an unknown address; too many failures are explained', async () => {
    await facilitator.goto(`${server.url}/login`);
    assert.equal(await signIn(facilitator, ADMIN.email, 'niet het goede wachtwoord'), 401);
    await visible(alert(facilitator, WRONG_CREDENTIALS));
    assert.equal(await facilitator.getByLabel('Wachtwoord').inputValue(), '', 'the password field is emptied');
    await axe(facilitator, 'login-error');

    const unknown = 'niemand@example.org';
    for (let i = 0; i < 5; i++) {
      assert.equal(await signIn(facilitator, unknown, `gok nummer ${i}`), 401);
      await visible(alert(facilitator, WRONG_CREDENTIALS));
    }
    assert.equal(await signIn(facilitator, unknown, 'nog een gok'), 429);
    await visible(alert(facilitator, 'pas over een kwartier opnieuw inloggen'));
    await axe(facilitator, 'login-throttled');
  });

  it('[E2E-47] on a phone (360 px) the login page and the admin’s accounts fit the screen; the participant’s join page has no account link', async () => {
    const phone = await open('phone', { width: 360, height: 740 }, true);
    await phone.goto(`${server.url}/login`);
    await visible(heading(phone, 'Inloggen', 1));
    await axe(phone, 'phone-login', true);
    await signIn(phone, ADMIN.email, ADMIN.password);
    await phone.waitForURL(`${server.url}/account`);
    await visible(heading(phone, ADMIN.name, 1));
    await axe(phone, 'phone-account', true);
    await phone.goto(`${server.url}/admin/accounts`);
    await visible(phone.locator('.gw-account-item', { hasText: FACILITATOR.email }));
    await axe(phone, 'phone-admin-accounts', true);
    await button(phone, 'Menu').click();
    await visible(nav(phone).getByRole('link', { name: `Ingelogd als ${ADMIN.name}` }));
    await axe(phone, 'phone-menu', true);

    const sessionRequests: string[] = [];
    phone.on('request', (request) => {
      if (request.url().includes('/api/auth/')) sessionRequests.push(request.url());
    });
    await phone.goto(`${server.url}/join`);
    await visible(phone.getByRole('textbox').first());
    await button(phone, 'Menu').click();
    await visible(nav(phone).getByRole('link', { name: 'Deelnemen' }));
    assert.equal(await nav(phone).getByRole('link', { name: /Inloggen|Ingelogd als/ }).count(), 0, 'participants see no account items');
    assert.deepEqual(sessionRequests, [], 'the join page asks nothing about sessions');
  });

  it('[E2E-48] the admin ends all sessions after a confirmation: everyone, the admin too, is signed out', async () => {
    const phone = contexts.at(-1)!.pages()[0]!;
    await admin.goto(`${server.url}/admin/accounts`);
    await button(admin, 'Alle sessies beëindigen').click();
    await visible(admin.getByText('Echt iedereen uitloggen, ook uzelf?'));
    await axe(admin, 'admin-confirm-end-all');
    await button(admin, 'Ja, iedereen uitloggen').click();
    await admin.waitForURL(`${server.url}/login`);
    await visible(status(admin, 'sessies zijn beëindigd; u bent ook uitgelogd.'));
    await phone.goto(`${server.url}/account`);
    await visible(heading(phone, 'Log eerst in', 1));
  });

  it('[E2E-49] no page of the accounts logs a script error or a Content-Security-Policy violation', () => {
    assert.deepEqual(problems, []);
  });

  it('[E2E-50] axe finds no WCAG 2.1 AA violations in any state of the accounts', () => {
    assert.ok(statesScanned >= 15, `scanned ${statesScanned} states`);
    assert.equal(violations, 0, violationDetails.join('\n'));
  });
});
