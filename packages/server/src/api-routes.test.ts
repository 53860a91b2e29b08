import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CaseListResponse, JoinResponse, MeetingResponse, type MeetingState, ProgrammeListResponse, ProgrammeResponse } from '@goedwerk/core';
import { loadDemo } from './demo.ts';
import { startTestServer, type TestServer } from './test-harness.ts';

describe('HTTP API over the demo content', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await loadDemo(server.store, server.engine, server.content);
  });
  after(() => server.close());
  const get = (path: string) => fetch(server.url + path);

  it('[API-1] /healthz tells which adapters run', async () => {
    const res = await get('/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok', store: 'pglite', bus: 'memory' });
  });

  it('[API-2] the programme list shows the demo programme, its next meeting and the case count', async () => {
    // The demo programme holds the meeting of 23 January 2014 as held (reported) and the same meeting to run yourself (open).
    const body = ProgrammeListResponse.parse(await (await get('/api/programmes')).json());
    assert.equal(body.caseCount, 5);
    const [entry] = body.programmes;
    assert.equal(entry?.programme.id, 'routekaart-goed-werk');
    assert.equal(entry?.programme.title.nl, 'Routekaart Goed Werk in het Openbaar Bestuur');
    assert.equal(entry?.meetingCount, 4);
    assert.equal(entry?.nextMeeting?.spec.date, '2014-01-23');
    assert.equal(entry?.nextMeeting?.status, 'open');
  });

  it('[API-3] a programme page lists its meetings with method and agenda size', async () => {
    const body = ProgrammeResponse.parse(await (await get('/api/programmes/routekaart-goed-werk')).json());
    assert.deepEqual(body.meetings.map((m) => [m.id, m.status]), [
      ['goed-werk-hub-2014', 'reported'],
      ['goed-werk-hub-2014-01-23', 'open'],
      ['goed-werk-hub-2014-05', 'reported'],
      ['goed-werk-hub-2014-10', 'reported'],
    ]);
    const meeting = body.meetings[1];
    assert.equal(body.meetings[0]?.participantCount, 15);
    assert.equal(meeting?.method.id, 'goed-werk-hub');
    assert.equal(meeting?.spec.caseIds.length, 5);
    assert.ok((meeting?.roundCount ?? 0) >= 6);
  });

  it('[API-4] a meeting shows its agenda copied from the Goed Werk Hub method', async () => {
    const body = MeetingResponse.parse(await (await get('/api/meetings/goed-werk-hub-2014-01-23')).json());
    const primitives = new Set(body.agenda.flatMap((r) => r.steps.map((s) => s.primitive)));
    for (const p of ['info', 'map', 'choice', 'cards', 'scale']) assert.ok(primitives.has(p as never), `agenda uses ${p}`);
    assert.ok(body.agenda.some((r) => r.steps.some((s) => s.scope === 'group')), 'a round works in small groups');
  });

  it('[API-5] the five starter cases are there in Dutch and English', async () => {
    const { cases } = CaseListResponse.parse(await (await get('/api/cases')).json());
    assert.equal(cases.length, 5);
    for (const c of cases) assert.ok(c.title.nl && c.title.en && c.situation.nl && c.situation.en, c.id);
    assert.ok(cases.some((c) => c.publicityTest), 'the publicity test case');
    const one = await get(`/api/cases/${cases[0]?.id}`);
    assert.equal(one.status, 200);
  });

  it('[API-6] unknown things are 404 with a plain message, bad ids 400, never 5xx', async () => {
    for (const path of ['/api/programmes/nope', '/api/meetings/nope', '/api/cases/nope', '/api/nothing-here']) {
      const res = await get(path);
      assert.equal(res.status, 404, path);
      const body = (await res.json()) as { error: string; message: string };
      assert.ok(body.error && body.message, path);
    }
    const bad = await get('/api/cases/..%2F..%2Fetc%2Fpasswd');
    assert.equal(bad.status, 400);
  });

  it('[API-7] garbage bodies and methods get 4xx and the server keeps serving', async () => {
    const attempts: [string, RequestInit][] = [
      ['/api/programmes', { method: 'POST', body: '{"not json', headers: { 'content-type': 'application/json' } }],
      ['/api/programmes', { method: 'POST', body: 'x'.repeat(300_000), headers: { 'content-type': 'application/json' } }],
      ['/api/cases', { method: 'DELETE' }],
      ['/healthz', { method: 'PUT', body: '\u0000\u0001', headers: { 'content-type': 'application/octet-stream' } }],
      ['/ws', { method: 'GET' }],
    ];
    for (const [path, init] of attempts) {
      const res = await fetch(server.url + path, init);
      assert.ok(res.status >= 400 && res.status < 500, `${init.method} ${path} gave ${res.status}`);
    }
    assert.equal((await get('/healthz')).status, 200);
  });

  it('[API-10] a join code or link leads to its meeting while it takes participants', async () => {
    const state = (await server.store.getMeeting<MeetingState>('goed-werk-hub-2014-01-23'))?.state;
    assert.ok(state?.joinCode && state.joinToken);
    const post = (body: unknown) => fetch(`${server.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const byCode = JoinResponse.parse(await (await post({ code: state.joinCode.toLowerCase().replace(/(....)/, '$1 ') })).json());
    assert.equal(byCode.meetingId, 'goed-werk-hub-2014-01-23');
    assert.equal(byCode.locked, false);
    const byToken = JoinResponse.parse(await (await post({ token: state.joinToken })).json());
    assert.equal(byToken.joinCode, state.joinCode, 'the link gives the code needed on the live connection');
    assert.equal((await post({ code: 'ZZZZZZZZ' })).status, 404);
    assert.equal((await post({ nothing: true })).status, 400);
    assert.match(state.joinCode, /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/, 'no look-alike characters');
  });

  it('[API-11] a method template is served whole, for composing an agenda from its rounds', async () => {
    const res = await get('/api/methods/dilemmamethode');
    assert.equal(res.status, 200);
    const { method } = (await res.json()) as { method: { id: string; rounds: { steps: unknown[] }[] } };
    assert.equal(method.id, 'dilemmamethode');
    assert.ok(method.rounds.flatMap((r) => r.steps).length >= 10);
    assert.equal((await get('/api/methods/onbekend')).status, 404);
  });

  it('[API-8] every response carries the security headers, with a CSP without unsafe-inline or unsafe-eval', async () => {
    for (const path of ['/healthz', '/api/programmes', '/api/nope', '/']) {
      const res = await get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
    }
  });
});
