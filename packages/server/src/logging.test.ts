import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { it, mock } from 'node:test';
import { MemoryBus } from '@goedwerk/bus';
import { type MeetingState, PROTOCOL_VERSION } from '@goedwerk/core';
import { openPglite, type Store } from '@goedwerk/store';
import { buildApp } from './app.ts';
import { loadContent } from './content.ts';
import { serverLogger } from './logging.ts';
import { TestClient } from './test-harness.ts';

const CANARY = 'Kanarietekst 8813: de wethouder wist het al';

/**
 * A database error as a driver or query builder reports one: the message quotes the statement's
 * values (so the text being stored), the kind is in the name and in the code of its cause.
 */
function databaseError(quoting: unknown): Error {
  const cause = Object.assign(new Error(`value too long for type character varying(64): ${JSON.stringify(quoting)}`), { code: '22001' });
  return Object.assign(new Error(`Failed query: insert into "events" values ($1) params: ${JSON.stringify(quoting)}`, { cause }), { name: 'DrizzleQueryError' });
}

/** The store, with `commit` and `saveReport` failing while `failing` is on, the way a database refusing the row would. */
function faultyStore(store: Store, failing: { on: boolean }): Store {
  return new Proxy(store, {
    get(target, property) {
      if (failing.on && property === 'commitBatch') {
        // The store fails the whole transaction, with a message that quotes what was being stored.
        return async (request: Parameters<Store['commitBatch']>[0]) => {
          const current = await target.getMeeting(request.meetingId);
          const decisions = request.items.map((item) => item.decide(current as never));
          throw databaseError(decisions.map((d) => (d.ok ? d.events : d)));
        };
      }
      if (failing.on && property === 'saveReport') {
        return (_meetingId: string, document: unknown) => Promise.reject(databaseError(document));
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * [PV-3] A request and a live command that fail on a database error whose message quotes the
 * contribution text being stored: the server's log (its own settings, at debug level, and whatever
 * goes to the console) names the kind of error and never the text.
 */
it('[PV-3] when a request or a live command fails on the server, the log names the kind of error and never its message', async () => {
  const logs: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
  const consoleLines: string[] = [];
  const record = (...args: unknown[]) => void consoleLines.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message} ${String(a.stack)}` : String(a))).join(' '));
  const consoleMocks = (['error', 'warn', 'log', 'info'] as const).map((method) => mock.method(console, method, record));

  const failing = { on: false };
  const real = await openPglite({ dataDir: 'memory://' });
  const store = faultyStore(real, failing);
  const content = await loadContent();
  const { app, engine } = await buildApp({ store, bus: new MemoryBus(), content, webRoot: null, logger: serverLogger('debug', stream) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const people: TestClient[] = [];
  try {
    const method = content.methods.get('goed-werk-hub');
    assert.ok(method);
    const made = await engine.createMeeting({ methodId: method.id, title: { nl: 'Logboek' }, facilitators: [], centralQuestions: [], caseIds: [] }, method);
    const meetingId = made.meetingId;
    let n = 0;
    const run = async (command: Parameters<typeof engine.execute>[0]['command']) => {
      const outcome = await engine.execute({ meetingId, commandId: `setup-${n++}-abcdefgh`, command, actor: { role: 'facilitator' } });
      assert.notEqual(outcome.kind, 'rejected', JSON.stringify(outcome));
    };
    await run({ type: 'OpenMeeting' });
    const joinCode = (await real.getMeeting<MeetingState>(meetingId))?.state.joinCode ?? '';
    const person = await TestClient.connect(`${url.replace('http', 'ws')}/ws`);
    people.push(person);
    person.send({ type: 'hello', protocol: PROTOCOL_VERSION, meetingId, credential: { kind: 'participant', participantId: `p-${randomBytes(6).toString('hex')}`, secret: randomBytes(24).toString('base64url'), joinCode } });
    await person.next('welcome');
    person.send({ type: 'command', commandId: 'join-abcdefgh', command: { type: 'JoinMeeting', acceptConfidentiality: true } });
    await person.next('ack');
    await run({ type: 'StartMeeting' });
    await run({ type: 'GoToStep', stepId: 'praktijkvragen' });
    const links = await engine.renewReportLinks(meetingId);
    assert.ok(links);
    const report = await fetch(`${url}/api/meetings/${meetingId}/report`, { headers: { authorization: `Bearer ${links.rapporteurToken}` } });
    assert.equal(report.status, 200);
    const { version, report: document } = (await report.json()) as { version: number; report: { sections: { id: string; title: string; markdown: string }[] } };

    failing.on = true;
    // A live command: the participant's card does not get stored.
    person.send({ type: 'command', commandId: 'card-abcdefgh', command: { type: 'SubmitContribution', stepId: 'praktijkvragen', contributionId: 'card-one-abcdefgh', payload: { kind: 'card', text: CANARY } } });
    const refused = await person.next('error');
    assert.equal(refused.code, 'internal');
    // A request: the rapporteur's edit quoting the card does not get stored.
    const sections = [...document.sections.map((s) => ({ ...s, included: true })), { id: 'citaat', title: 'Citaat', markdown: CANARY, included: true }];
    const edit = await fetch(`${url}/api/meetings/${meetingId}/report`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${links.rapporteurToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version, name: 'Rik Rapporteur', sections }),
    });
    assert.equal(edit.status, 500);
    const answer = await edit.text();
    assert.ok(!answer.includes(CANARY), 'nor does the answer to the client quote it');
    failing.on = false;

    const all = [...logs, ...consoleLines].join('\n');
    assert.ok(!all.includes(CANARY) && !all.includes('Kanarietekst'), `the contribution text is in the log:\n${all}`);
    assert.ok(!all.includes('value too long') && !all.includes('Failed query'), 'no part of the error message is in the log');
    const failures = logs
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg?: string; name?: string; code?: string; error?: string; req?: { path?: string } });
    // The live command's failure: in the server's structured log too (pino, through the app's
    // logger), as a failed command with the error's name and code.
    const live = failures.find((entry) => entry.msg === 'live: command failed');
    assert.ok(live, `the live failure is logged:\n${logs.join('')}`);
    assert.equal(live.error, 'DrizzleQueryError 22001');
    // The request's failure: in the server's structured log, as name and code.
    const failure = failures.find((entry) => entry.msg === 'request failed');
    assert.ok(failure, `the request's failure is logged:\n${logs.join('')}`);
    assert.deepEqual([failure.name, failure.code], ['DrizzleQueryError', '22001']);
  } finally {
    failing.on = false;
    for (const c of people) c.close();
    for (const m of consoleMocks) m.mock.restore();
    await app.close();
    await real.close();
  }
});
