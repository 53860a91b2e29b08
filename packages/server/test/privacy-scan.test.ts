import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { MemoryBus } from '@goedwerk/bus';
import { type MeetingState, PROTOCOL_VERSION } from '@goedwerk/core';
import { openPglite } from '@goedwerk/store';
import { buildApp } from '../src/app.ts';
import { loadContent } from '../src/content.ts';
import { loadDemo } from '../src/demo.ts';
import { serverLogger } from '../src/logging.ts';
import { exportProgramme } from '../src/portability.ts';
import { TestClient } from '../src/test-harness.ts';

const CANARY_NAME = 'Zwaluw Kanariepiet';
const CANARY_IP = '198.51.100.73';
const CANARY_AGENT = 'KanarieBrowser/7.3 (zwaluw-4711)';
const id = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;

/**
 * [PV-1] An anonymous meeting run over the real protocol by participants who typed a name,
 * came through a (forged) forwarded address and a telltale browser: afterwards no table of the
 * database, no log line and no export holds the name, the address or the browser.
 */
it('[PV-1] after an anonymous meeting no table, log or export holds a canary name, IP address or user agent; no author is stored', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'goedwerk-privacy-'));
  const logs: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
  const store = await openPglite({ dataDir });
  const content = await loadContent();
  const { app, engine, reports } = await buildApp({ store, bus: new MemoryBus(), content, webRoot: null, logger: serverLogger('debug', stream) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const telltale = { 'user-agent': CANARY_AGENT, 'x-forwarded-for': CANARY_IP };
  const exports: string[] = [];
  try {
    await loadDemo(store, engine, content);
    const method = content.methods.get('goed-werk-hub');
    assert.ok(method);
    const made = await engine.createMeeting(
      { methodId: method.id, programmeId: 'routekaart-goed-werk', title: { nl: 'Anoniem beraad' }, facilitators: [], centralQuestions: [], caseIds: [], anonymous: true },
      method,
    );
    const meetingId = made.meetingId;
    const facilitator = await TestClient.connect(`${url.replace('http', 'ws')}/ws`, telltale);
    facilitator.send({ type: 'hello', protocol: PROTOCOL_VERSION, meetingId, credential: { kind: 'facilitator', token: made.facilitatorToken } });
    await facilitator.next('welcome');
    const command = async (client: TestClient, cmd: unknown) => {
      const commandId = id('cmd');
      client.send({ type: 'command', commandId, command: cmd });
      const ack = await client.next('ack');
      assert.equal(ack.commandId, commandId);
    };
    await command(facilitator, { type: 'OpenMeeting' });
    const joinCode = (await store.getMeeting<MeetingState>(meetingId))?.state.joinCode ?? '';
    const people: TestClient[] = [];
    for (let i = 0; i < 3; i++) {
      const joined = await fetch(`${url}/api/join`, { method: 'POST', headers: { ...telltale, 'content-type': 'application/json' }, body: JSON.stringify({ code: joinCode }) });
      assert.equal(joined.status, 200);
      const person = await TestClient.connect(`${url.replace('http', 'ws')}/ws`, telltale);
      person.send({ type: 'hello', protocol: PROTOCOL_VERSION, meetingId, credential: { kind: 'participant', participantId: id('p'), secret: randomBytes(24).toString('base64url'), joinCode } });
      await person.next('welcome');
      await command(person, { type: 'JoinMeeting', acceptConfidentiality: true, displayName: `${CANARY_NAME} ${i}` });
      people.push(person);
    }
    await command(facilitator, { type: 'StartMeeting' });
    await command(facilitator, { type: 'GoToStep', stepId: 'praktijkvragen' });
    for (const [i, person] of people.entries()) {
      await command(person, { type: 'SubmitContribution', stepId: 'praktijkvragen', contributionId: id('card'), payload: { kind: 'card', text: `Een vraag uit de praktijk, nummer ${i}` } });
    }
    await command(facilitator, { type: 'CloseMeeting' });
    for (const c of [facilitator, ...people]) c.close();

    // The report through its workflow, and every export.
    const links = await engine.renewReportLinks(meetingId);
    assert.ok(links);
    let version = 0;
    const loaded = await reports.load(meetingId);
    assert.ok(loaded);
    for (const [token, name, action] of [
      [links.rapporteurToken, 'Rapporteur', 'edit'],
      [links.rapporteurToken, 'Rapporteur', 'submit'],
      [links.editorToken, 'Redacteur', 'approve'],
      [links.editorToken, 'Redacteur', 'publish'],
    ] as const) {
      const sections = action === 'edit' ? loaded.document.sections.map(({ id: sid, title, markdown, included }) => ({ id: sid, title, markdown, included })) : undefined;
      const result = await reports.act(meetingId, token, { version, name, action, ...(sections ? { sections } : {}) });
      assert.ok(result.ok, JSON.stringify(result));
      version = result.value.version;
    }
    for (const format of ['md', 'html'] as const) {
      const res = await fetch(`${url}/api/meetings/${meetingId}/report.${format}`, { headers: telltale });
      assert.equal(res.status, 200);
      exports.push(await res.text());
    }
    assert.match(exports[0] ?? '', /Een vraag uit de praktijk/, 'the report holds the contributions, without their authors');
    exports.push(JSON.stringify(await exportProgramme(store, 'routekaart-goed-werk')));
    const events = await store.eventsSince<{ type: string; authorId?: string }>(meetingId, 0);
    assert.ok(events.some((r) => r.event.type === 'ContributionSubmitted'));
    assert.equal(events.filter((r) => r.event.type === 'ContributionSubmitted' && 'authorId' in r.event).length, 0, 'no author for anonymous steps');
  } finally {
    await app.close();
    await store.close();
  }

  // Every row of every table, read straight from the database files.
  const raw = new PGlite(dataDir);
  const tables: string[] = [];
  try {
    const names = await raw.query<{ table_schema: string; table_name: string }>(
      "select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')",
    );
    for (const { table_schema, table_name } of names.rows) {
      const rows = await raw.query<{ j: string }>(`select row_to_json(t)::text as j from "${table_schema}"."${table_name}" t`);
      tables.push(`${table_schema}.${table_name}: ${rows.rows.map((r) => r.j).join('\n')}`);
    }
  } finally {
    await raw.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  assert.ok(tables.some((t) => t.startsWith('public.meeting_events: ') && t.includes('ParticipantJoined')), 'the scan reads the event log');
  const corpus: [string, string][] = [
    ...tables.map((t): [string, string] => [`table ${t.split(':')[0]}`, t]),
    // The server's own address in its start-up line is not a client's.
    ['logs', logs.join('').split('\n').filter((line) => !line.includes('"msg":"Server listening at')).join('\n')],
    ...exports.map((e, i): [string, string] => [`export ${i}`, e]),
  ];
  assert.ok(logs.join('').includes('"path":"/api/join"'), 'the log was captured');
  // The live sockets were opened with tickets (AC-15): the log has the path, never the ticket.
  assert.ok(logs.join('').includes('"path":"/api/live/ticket"') && logs.join('').includes('"path":"/ws"'), 'the tickets and the upgrades were logged');
  assert.ok(!logs.join('').includes('ticket='), 'no live ticket in the log');
  const canaries = [CANARY_NAME, 'Kanariepiet', CANARY_IP, CANARY_AGENT, 'KanarieBrowser', '127.0.0.1'];
  const hits = corpus.flatMap(([where, text]) => canaries.filter((c) => text.includes(c)).map((c) => `${c} in ${where}`));
  console.log(`FIGURE privacy_scan_sources=${corpus.length}`);
  console.log(`FIGURE privacy_canary_hits=${hits.length}`);
  assert.deepEqual(hits, []);
});
