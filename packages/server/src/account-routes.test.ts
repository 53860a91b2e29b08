import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACCOUNT_OPERATIONS, ACCOUNT_POLICY, ACCOUNT_ROLES, type AccountOperation } from '@goedwerk/core';
import { openPglite, type Store } from '@goedwerk/store';
import { AccountService } from './accounts.ts';
import { startTestServer, TestClient, type TestServer } from './test-harness.ts';
import { staffCalls, TEST_PASSWORD } from './test-staff.ts';
import { PROTOCOL_VERSION } from '@goedwerk/core';

const PASSWORD = TEST_PASSWORD;

describe('accounts over HTTP: login, session, logout, invitations, the policy table, CSRF', () => {
  let server: TestServer;
  const cookies = new Map<string, string>();

  before(async () => {
    server = await startTestServer();
    assert.ok(await server.accounts.createAdmin('admin@example.nl', 'Ada Admin', PASSWORD));
  });
  after(() => server.close());

  // One set of calls with a cookie per signed-in person (test-staff.ts); `cookies` is theirs.
  const calls = () => staffCalls(server, cookies);
  const call: ReturnType<typeof staffCalls>['call'] = (...args) => calls().call(...args);
  const login: ReturnType<typeof staffCalls>['login'] = (...args) => calls().login(...args);

  it('[AC-1] a right password gives a session cookie (HttpOnly, SameSite=Strict) and the session names the account; logout ends it', async () => {
    const { res, set } = await login('admin', 'ADMIN@example.nl');
    assert.equal(res.status, 200);
    assert.match(set ?? '', /^goedwerk_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const session = await call('GET', '/api/auth/session', { as: 'admin' });
    assert.deepEqual(((await session.json()) as { account: { email: string; role: string } }).account.email, 'admin@example.nl');
    const { set: second } = await login('admin2', 'admin@example.nl');
    assert.ok(second);
    assert.equal((await call('POST', '/api/auth/logout', { as: 'admin2' })).status, 204);
    assert.equal((await call('GET', '/api/auth/session', { as: 'admin2' })).status, 401, 'the session is over on the server, not only in the browser');
    assert.equal((await call('GET', '/api/auth/session', { as: 'admin' })).status, 200, 'other sessions stay');
    assert.equal((await call('GET', '/api/auth/session')).status, 401);
  });

  it('[AC-2] an unknown address and a wrong password get the same answer', async () => {
    const unknown = await login('x', 'nobody@example.nl', 'whatever-password');
    const wrong = await login('x', 'admin@example.nl', 'not-the-password');
    assert.equal(unknown.res.status, 401);
    assert.equal(wrong.res.status, 401);
    assert.deepEqual(await unknown.res.json(), await wrong.res.json());
    assert.equal(unknown.set, null);
  });

  it('[AC-4] an admin invites; the invitation sets a password once (12 characters at least) and signs in', async () => {
    const invited = await call('POST', '/api/accounts', { as: 'admin', body: { email: 'fee@example.nl', displayName: 'Fee Facilitator', role: 'facilitator' } });
    assert.equal(invited.status, 201);
    const { invitePath, account } = (await invited.json()) as { invitePath: string; account: { role: string } };
    assert.equal(account.role, 'facilitator');
    const token = /#token=([A-Za-z0-9_-]+)$/.exec(invitePath)?.[1] ?? '';
    assert.equal((await call('POST', '/api/accounts', { as: 'admin', body: { email: 'FEE@example.nl', displayName: 'Dubbel', role: 'editor' } })).status, 409);
    assert.equal((await login('fee', 'fee@example.nl', 'anything-at-all')).res.status, 401, 'no password before the invitation is accepted');
    assert.equal((await call('POST', '/api/auth/invitations/accept', { body: { token, password: 'te-kort' } })).status, 400);
    const accepted = await call('POST', '/api/auth/invitations/accept', { body: { token, password: PASSWORD } });
    assert.equal(accepted.status, 200);
    assert.match(accepted.headers.get('set-cookie') ?? '', /^goedwerk_session=/);
    assert.equal((await call('POST', '/api/auth/invitations/accept', { body: { token, password: PASSWORD } })).status, 404, 'an invitation works once');
    assert.equal((await login('facilitator', 'fee@example.nl')).res.status, 200);
  });

  it('[AC-5] every role × account operation follows the one policy table; without a session every operation is 401', async () => {
    for (const role of ACCOUNT_ROLES) {
      if (role === 'admin' || role === 'facilitator') continue;
      const made = await server.accounts.invite({ email: `${role}@example.nl`, displayName: role, role });
      assert.ok(made);
      assert.ok(await server.accounts.acceptInvite(made.inviteToken, PASSWORD));
      assert.equal((await login(role, `${role}@example.nl`)).res.status, 200);
    }
    const victim = await server.accounts.invite({ email: 'victim@example.nl', displayName: 'V', role: 'editor' });
    const erased = await server.accounts.invite({ email: 'erased@example.nl', displayName: 'E', role: 'editor' });
    assert.ok(victim && erased);
    const method = server.content.methods.get('dilemmamethode');
    assert.ok(method);
    const meeting = await server.engine.createMeeting({ methodId: method.id, title: { nl: 'Met iemand' }, facilitators: [], centralQuestions: [], caseIds: [] }, method);
    await server.engine.execute({ meetingId: meeting.meetingId, commandId: 'open-abcdefgh', command: { type: 'OpenMeeting' }, actor: { role: 'system' } });
    await server.engine.execute({ meetingId: meeting.meetingId, commandId: 'join-abcdefgh', command: { type: 'JoinMeeting', acceptConfidentiality: true }, actor: { role: 'participant', participantId: 'person-abcdefgh' } });
    const attempt: Record<AccountOperation, (as?: string) => Promise<Response>> = {
      'account.list': (as) => call('GET', '/api/accounts', { ...(as ? { as } : {}) }),
      'account.invite': (as) => call('POST', '/api/accounts', { ...(as ? { as } : {}), body: { email: `new-${as ?? 'anon'}@example.nl`, displayName: 'N', role: 'editor' } }),
      'account.disable': (as) => call('POST', `/api/accounts/${victim.account.id}/disable`, { ...(as ? { as } : {}) }),
      'account.erase': (as) => call('POST', `/api/accounts/${erased.account.id}/erase`, { ...(as ? { as } : {}) }),
      'audit.read': (as) => call('GET', '/api/audit', { ...(as ? { as } : {}) }),
      'participant.erase': (as) => call('POST', `/api/meetings/${meeting.meetingId}/participants/person-abcdefgh/erase`, { ...(as ? { as } : {}) }),
      'session.endAll': (as) => call('POST', '/api/auth/sessions/end-all', { ...(as ? { as } : {}) }),
      'meeting.prepare': (as) => call('POST', '/api/meetings', { ...(as ? { as } : {}), body: { methodId: 'dilemmamethode', title: `Beraad van ${as ?? 'niemand'}` } }),
    };
    let cells = 0;
    let unexpectedAllows = 0;
    // The session-ending operation last, since it signs everyone out.
    const operations = [...ACCOUNT_OPERATIONS].sort((a, b) => Number(a === 'session.endAll') - Number(b === 'session.endAll'));
    for (const operation of operations) {
      assert.equal((await attempt[operation]()).status, 401, `${operation} without a session`);
      for (const role of [...ACCOUNT_ROLES].sort((a, b) => Number(a === 'admin') - Number(b === 'admin'))) {
        const status = (await attempt[operation](role)).status;
        const expected = (ACCOUNT_POLICY[operation] as readonly string[]).includes(role);
        cells++;
        if (!expected && status < 400) unexpectedAllows++;
        assert.equal(status < 400, expected, `${role} ${operation}: ${status}`);
        if (!expected) assert.equal(status, 403);
      }
    }
    console.log(`FIGURE account_policy_cells_tested=${cells}`);
    console.log(`FIGURE account_policy_unexpected_allows=${unexpectedAllows}`);
    assert.equal(cells, ACCOUNT_ROLES.length * ACCOUNT_OPERATIONS.length);
    assert.equal((await call('GET', '/api/auth/session', { as: 'editor' })).status, 401, 'ending all sessions signed everyone out');
  });

  it('[AC-7] a signed-in facilitator prepares a meeting from a method and gets its console link once', async () => {
    assert.equal((await login('facilitator', 'fee@example.nl')).res.status, 200);
    const res = await call('POST', '/api/meetings', { as: 'facilitator', body: { methodId: 'goed-werk-hub', title: 'Beraad in maart', date: '2026-03-12' } });
    assert.equal(res.status, 201);
    const made = (await res.json()) as { meetingId: string; consolePath: string };
    assert.match(made.consolePath, new RegExp(`^/console/${made.meetingId}#token=[A-Za-z0-9_-]{43}$`));
    const meeting = await server.store.getMeeting<{ status: string; spec: { title: { nl: string }; facilitators: { name: string }[] } }>(made.meetingId);
    assert.equal(meeting?.state.status, 'draft');
    assert.equal(meeting?.state.spec.title.nl, 'Beraad in maart');
    assert.deepEqual(meeting?.state.spec.facilitators, [{ name: 'Fee Facilitator' }]);
    assert.equal((await call('POST', '/api/meetings', { as: 'facilitator', body: { methodId: 'bestaat-niet', title: 'X' } })).status, 404);
  });

  it('[AC-7] a meeting prepared in English keeps its language: the title in English, the report in English; another language is refused', async () => {
    assert.equal((await login('facilitator', 'fee@example.nl')).res.status, 200);
    const res = await call('POST', '/api/meetings', { as: 'facilitator', body: { methodId: 'goed-werk-hub', title: 'Deliberation in March', language: 'en' } });
    assert.equal(res.status, 201);
    const made = (await res.json()) as { meetingId: string; consolePath: string };
    const meeting = await server.store.getMeeting<{ spec: { language?: string; title: { nl?: string; en?: string } } }>(made.meetingId);
    assert.equal(meeting?.state.spec.language, 'en');
    assert.deepEqual(meeting?.state.spec.title, { en: 'Deliberation in March' }, 'the title is stored in the meeting\'s language');
    // The report (a draft while the meeting is being prepared) is in the meeting's language.
    const token = /#token=([A-Za-z0-9_-]+)$/.exec(made.consolePath)?.[1] ?? '';
    const report = await fetch(`${server.url}/api/meetings/${made.meetingId}/report.md`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(report.status, 200);
    const md = await report.text();
    assert.match(md, /^# Deliberation in March$/m);
    assert.match(md, /Draft: the meeting is still in progress\./);
    assert.doesNotMatch(md, /Concept: /);

    const dutch = await call('POST', '/api/meetings', { as: 'facilitator', body: { methodId: 'goed-werk-hub', title: 'Beraad zonder taal' } });
    assert.equal(dutch.status, 201);
    const plain = await server.store.getMeeting<{ spec: { language?: string; title: { nl?: string; en?: string } } }>(((await dutch.json()) as { meetingId: string }).meetingId);
    assert.equal(plain?.state.spec.language, 'nl', 'Dutch unless chosen');
    assert.deepEqual(plain?.state.spec.title, { nl: 'Beraad zonder taal' });

    for (const language of ['de', 'EN', '', 1, null]) {
      const refused = await call('POST', '/api/meetings', { as: 'facilitator', body: { methodId: 'goed-werk-hub', title: 'Beraad', language } });
      assert.equal(refused.status, 400, `language ${JSON.stringify(language)}`);
      const body = (await refused.json()) as { error: string; message: string };
      assert.equal(typeof body.error, 'string');
      assert.match(body.message, /language/);
    }
  });

  it('[AC-11] the audit log records who did what — sign-ins, invitations, erasures, meetings prepared — without any contribution text', async () => {
    assert.equal((await login('admin', 'admin@example.nl')).res.status, 200);
    const res = await call('GET', '/api/audit', { as: 'admin' });
    assert.equal(res.status, 200);
    const { entries } = (await res.json()) as { entries: { actorRole: string; action: string; actorId: string | null; target: string | null }[] };
    const actions = new Set(entries.map((e) => e.action));
    for (const action of ['session.start', 'session.end', 'account.invite', 'account.disable', 'account.erase', 'session.endAll', 'meeting.prepare']) assert.ok(actions.has(action), action);
    const admin = await server.store.findAccountByEmail('admin@example.nl');
    assert.ok(entries.some((e) => e.action === 'account.invite' && e.actorId === admin?.id && e.actorRole === 'admin'));
    assert.doesNotMatch(JSON.stringify(entries), /password|wachtwoord/i);
  });

  it('[AC-12] a person downloads what is kept about their account (AVG art. 15/20); an admin erases an account on request', async () => {
    const res = await call('GET', '/api/auth/me/export', { as: 'facilitator' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="goedwerk-mijn-gegevens\.json"/);
    const data = (await res.json()) as { account: { email: string; hasPassword: boolean }; actions: { action: string }[] };
    assert.equal(data.account.email, 'fee@example.nl');
    assert.equal(data.account.hasPassword, true);
    assert.ok(data.actions.some((a) => a.action === 'meeting.prepare'));
    assert.doesNotMatch(JSON.stringify(data), /argon2/);
    const fee = await server.store.findAccountByEmail('fee@example.nl');
    assert.equal((await call('POST', `/api/accounts/${fee?.id}/erase`, { as: 'admin' })).status, 204);
    assert.equal(await server.store.findAccountByEmail('fee@example.nl'), null);
    assert.equal((await call('GET', '/api/auth/session', { as: 'facilitator' })).status, 401, 'an erased account has no session');
    const admin = await server.store.findAccountByEmail('admin@example.nl');
    assert.equal((await call('POST', `/api/accounts/${admin?.id}/erase`, { as: 'admin' })).status, 409, 'not one\'s own account');
  });

  it('[AC-14] signing out closes the live connections the browser opened while signed in; ending all sessions closes every such connection', async () => {
    assert.equal((await login('facilitator2', 'admin@example.nl')).res.status, 200);
    assert.equal((await login('admin', 'admin@example.nl')).res.status, 200);
    const method = server.content.methods.get('dilemmamethode');
    assert.ok(method);
    const made = await server.engine.createMeeting({ methodId: method.id, title: { nl: 'Live' }, facilitators: [], centralQuestions: [], caseIds: [] }, method);
    // The ticket is fetched with the browser's cookie, as the web client does: it binds the socket to the session.
    const open = async (as?: string, cookieOnUpgradeOnly = false) => {
      const headers: Record<string, string> = as ? { cookie: cookies.get(as) ?? '' } : {};
      const client = await TestClient.connect(server.wsUrl, headers, cookieOnUpgradeOnly ? {} : headers);
      client.send({ type: 'hello', protocol: PROTOCOL_VERSION, meetingId: made.meetingId, credential: { kind: 'facilitator', token: made.facilitatorToken } });
      await client.next('welcome');
      return client;
    };
    const mine = await open('facilitator2');
    // [AC-15] the session is the ticket's: a cookie that comes with the upgrade alone counts for nothing
    const cookieOnly = await open('facilitator2', true);
    const other = await open('admin');
    const anonymous = await open();
    assert.equal((await call('POST', '/api/auth/logout', { as: 'facilitator2' })).status, 204);
    assert.deepEqual(await mine.waitClosed(), { code: 1008, reason: 'signed out' });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(other.closed, null, 'another session keeps its connection');
    assert.equal(anonymous.closed, null);
    assert.equal(cookieOnly.closed, null, 'a ticket fetched without the session is not bound to it');
    cookieOnly.close();
    assert.equal((await call('POST', '/api/auth/sessions/end-all', { as: 'admin' })).status, 200);
    assert.deepEqual(await other.waitClosed(), { code: 1008, reason: 'signed out' });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(anonymous.closed, null, 'a link without a session is not a session');
    anonymous.close();
  });

  it('[AC-6] CSRF: a state-changing request a browser marks as coming from another site is refused; the same site passes', async () => {
    assert.equal((await login('admin', 'admin@example.nl')).res.status, 200);
    const host = new URL(server.url).host;
    const body = { email: 'csrf@example.nl', displayName: 'C', role: 'editor' };
    assert.equal((await call('POST', '/api/accounts', { as: 'admin', body, headers: { origin: 'https://evil.example' } })).status, 403);
    assert.equal((await call('POST', '/api/accounts', { as: 'admin', body, headers: { 'sec-fetch-site': 'cross-site' } })).status, 403);
    assert.equal((await call('POST', '/api/auth/logout', { as: 'admin', headers: { origin: 'https://evil.example' } })).status, 403);
    assert.equal((await call('POST', '/api/accounts', { as: 'admin', body, headers: { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' } })).status, 201);
  });
});

describe('accounts: throttling and session timeouts (with a clock)', () => {
  let store: Store;
  let now = Date.parse('2026-03-01T09:00:00.000Z');
  const waits: number[] = [];
  let accounts: AccountService;
  before(async () => {
    store = await openPglite({ dataDir: 'memory://' });
    accounts = new AccountService(store, { idleMinutes: 30, absoluteHours: 12, inviteDays: 7 }, () => new Date(now), async (ms) => {
      waits.push(ms);
    });
    await accounts.createAdmin('baas@example.nl', 'Baas', PASSWORD);
    await accounts.createAdmin('ander@example.nl', 'Ander', PASSWORD);
  });
  after(() => store.close());

  it('[AC-2] after 5 failures in 15 minutes an address is throttled, even with the right password, with a growing delay; others are not; it lifts after 15 minutes', async () => {
    for (let i = 0; i < 5; i++) assert.deepEqual(await accounts.login('baas@example.nl', `fout-${i}`), { ok: false, reason: 'invalid' });
    assert.deepEqual(waits, [200, 400, 600, 800, 1000]);
    assert.deepEqual(await accounts.login('BAAS@example.nl', PASSWORD), { ok: false, reason: 'throttled' });
    assert.equal((await accounts.login('ander@example.nl', PASSWORD)).ok, true, 'another account is not affected');
    for (let i = 0; i < 6; i++) await accounts.login('onbekend@example.nl', 'x');
    assert.deepEqual(await accounts.login('onbekend@example.nl', 'x'), { ok: false, reason: 'throttled' }, 'an unknown address is throttled the same way');
    now += 15 * 60 * 1000 + 1;
    assert.equal((await accounts.login('baas@example.nl', PASSWORD)).ok, true);
    console.log('FIGURE login_failures_before_throttle=5');
  });

  it('[AC-3] a session ends after 30 idle minutes and after 12 hours in any case; a disabled account has none', async () => {
    const first = await accounts.login('ander@example.nl', PASSWORD);
    assert.ok(first.ok);
    now += 29 * 60 * 1000;
    assert.equal((await accounts.session(first.sessionId))?.email, 'ander@example.nl');
    now += 31 * 60 * 1000;
    assert.equal(await accounts.session(first.sessionId), null, 'idle too long');
    const second = await accounts.login('ander@example.nl', PASSWORD);
    assert.ok(second.ok);
    // Busy all day, a request every 25 minutes: 28 × 25 = 700 minutes is within 12 hours, 725 is not.
    for (let step = 1; step <= 28; step++) {
      now += 25 * 60 * 1000;
      assert.ok(await accounts.session(second.sessionId), `active after ${step * 25} minutes`);
    }
    now += 25 * 60 * 1000;
    assert.equal(await accounts.session(second.sessionId), null, 'past the absolute limit');
    const third = await accounts.login('ander@example.nl', PASSWORD);
    assert.ok(third.ok);
    const id = (await store.findAccountByEmail('ander@example.nl'))?.id ?? '';
    assert.equal(await accounts.disable(id), true);
    assert.equal(await accounts.session(third.sessionId), null);
    assert.deepEqual(await accounts.login('ander@example.nl', PASSWORD), { ok: false, reason: 'invalid' });
  });
});
