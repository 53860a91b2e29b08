import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { type Actor, type LiveCommand, type MeetingEvent, type MeetingState, replay } from '@goedwerk/core';
import { testMethod } from '../../core/src/test-fixtures.ts';
import { hashToken } from './secrets.ts';
import { startTestServer, type TestServer } from './test-harness.ts';

let server: TestServer;
let cookie = '';
let meetingId = '';
const PASSWORD = 'lang-genoeg-wachtwoord-1';

before(async () => {
  server = await startTestServer();
  await server.accounts.createAdmin('admin@example.nl', 'Admin', PASSWORD);
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@example.nl', password: PASSWORD }) });
  cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const made = await server.engine.createMeeting({ methodId: testMethod.id, title: { nl: 'Erasure' }, facilitators: [], centralQuestions: [], caseIds: [] }, testMethod);
  meetingId = made.meetingId;
  let n = 0;
  const run = async (command: LiveCommand | { type: 'OpenMeeting' }, actor: Actor) => {
    const outcome = await server.engine.execute({ meetingId, commandId: `cmd-${n++}-abcdefgh`, command, actor });
    assert.notEqual(outcome.kind, 'rejected', JSON.stringify(outcome));
  };
  const p1: Actor = { role: 'participant', participantId: 'participant-one' };
  const p2: Actor = { role: 'participant', participantId: 'participant-two' };
  await run({ type: 'OpenMeeting' }, { role: 'facilitator' });
  await run({ type: 'JoinMeeting', acceptConfidentiality: true, displayName: 'Ria Wissen' }, p1);
  await run({ type: 'JoinMeeting', acceptConfidentiality: true, displayName: 'Kees Blijft' }, p2);
  await run({ type: 'StartMeeting' }, { role: 'facilitator' });
  await run({ type: 'GoToStep', stepId: 'genoemd' }, { role: 'facilitator' });
  await run({ type: 'SubmitContribution', stepId: 'genoemd', contributionId: 'named-one-abcdefgh', payload: { kind: 'card', text: 'Met naam van Ria' } }, p1);
  await run({ type: 'SubmitContribution', stepId: 'genoemd', contributionId: 'named-two-abcdefgh', payload: { kind: 'card', text: 'Met naam van Kees' } }, p2);
  await run({ type: 'GoToStep', stepId: 'kaarten' }, { role: 'facilitator' });
  await run({ type: 'SubmitContribution', stepId: 'kaarten', contributionId: 'anon-one-abcdefgh', payload: { kind: 'card', text: 'Zonder naam' } }, p1);
});
after(() => server.close());

const erase = (participantId: string, withCookie = true) =>
  fetch(`${server.url}/api/meetings/${meetingId}/participants/${participantId}/erase`, { method: 'POST', headers: withCookie ? { cookie } : {} });

it('[PV-2] erasure on request removes a participant\'s name and contributions to named steps, leaves others and anonymous contributions, and the snapshot is the replay of the log', async () => {
  assert.equal((await erase('participant-one', false)).status, 401);
  assert.equal((await erase('nobody-abcdefgh')).status, 404);
  const res = await erase('participant-one');
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { contributionsErased: 1 });
  const log = await server.store.eventsSince<MeetingEvent>(meetingId, 0);
  const text = JSON.stringify(log);
  assert.doesNotMatch(text, /Ria Wissen|Met naam van Ria/);
  assert.match(text, /Kees Blijft/);
  assert.match(text, /Met naam van Kees/);
  assert.match(text, /Zonder naam/, 'an anonymous contribution has no author, so it cannot be told apart and stays');
  const stored = await server.store.getMeeting<MeetingState>(meetingId);
  assert.deepEqual(stored?.state, replay(log.map((r) => r.event)));
  assert.equal(stored?.state.participants['participant-one']?.displayName, undefined);
  assert.ok(stored?.state.participants['participant-one'], 'taking part stays, as a pseudonymous id');
  assert.ok((await server.store.listAudit()).some((e) => e.action === 'participant.erase' && e.target === meetingId));
});

it('[PV-4] a participant downloads what the meeting keeps about them with the secret their browser holds; anonymous contributions are not in it', async () => {
  const secret = 'a-secret-the-browser-made-0123456789';
  // The live hello records the secret the first time the browser connects.
  await server.store.claimParticipant(meetingId, 'participant-two', hashToken(secret));
  const ask = (participantId: string, s: string) =>
    fetch(`${server.url}/api/meetings/${meetingId}/participants/export`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ participantId, secret: s }) });
  const res = await ask('participant-two', secret);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition') ?? '', /goedwerk-mijn-bijdragen\.json/);
  const data = (await res.json()) as { displayName: string; namedContributions: { stepId: string; payload: { text: string } }[] };
  assert.equal(data.displayName, 'Kees Blijft');
  assert.deepEqual(data.namedContributions.map((c) => [c.stepId, c.payload.text]), [['genoemd', 'Met naam van Kees']]);
  assert.equal((await ask('participant-two', 'a-wrong-secret-0123456789abcdef')).status, 404, 'a wrong secret gets nothing, and does not replace the right one');
  assert.equal((await ask('participant-two', secret)).status, 200);
  assert.equal((await ask('nobody-abcdefgh', secret)).status, 404);
});
