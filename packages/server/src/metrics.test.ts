import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { MemoryBus } from '@goedwerk/bus';
import { type MeetingState, PROTOCOL_VERSION } from '@goedwerk/core';
import { openPglite, type Store } from '@goedwerk/store';
import { type App, buildApp } from './app.ts';
import { readConfig } from './config.ts';
import { loadContent } from './content.ts';
import { ServerMetrics } from './metrics.ts';
import { TestClient } from './test-harness.ts';

const TOKEN = randomBytes(24).toString('base64url');
const CANARY = 'Kanarietekst 5521: de directeur tekende blanco';
const TITLE = 'Metriekenberaad Zuidwijk';
const cmdId = () => `cmd-${randomBytes(6).toString('hex')}`;
const secret = () => randomBytes(24).toString('base64url');

interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

interface Exposition {
  readonly types: ReadonlyMap<string, string>;
  readonly samples: readonly Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*';
const LABEL_VALUE = '"(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
/** A value as Prometheus reads one (Go's ParseFloat): NaN and Inf in any letter case (prom-client writes `Nan`). */
const VALUE = '(?:[+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)|[nN][aA][nN]|[+-]?[iI][nN][fF](?:[iI][nN][iI][tT][yY])?)';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL}=${LABEL_VALUE})(?:,${LABEL}=${LABEL_VALUE})*,?)?\\})? (${VALUE})(?: -?\\d+)?$`);
const PAIR = new RegExp(`(${LABEL})=(${LABEL_VALUE})`, 'g');

/**
 * Prometheus' text format 0.0.4, line by line (prom-client has no parser): HELP and TYPE
 * comments, samples `name{label="value",…} value [timestamp]`; a sample's family must have been
 * typed before it (a histogram's `_bucket`, `_sum` and `_count` belong to the histogram).
 */
function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  assert.ok(text.endsWith('\n'), 'the exposition ends with a line feed');
  for (const [index, line] of text.split('\n').entries()) {
    if (line === '') continue;
    const where = `line ${index + 1}: ${line}`;
    if (line.startsWith('#')) {
      const help = new RegExp(`^# HELP (${NAME}) .*$`).exec(line);
      const type = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
      assert.ok(help || type || !/^# (HELP|TYPE) /.test(line), `a malformed HELP or TYPE: ${where}`);
      if (type?.[1] && type[2]) {
        assert.ok(!types.has(type[1]), `TYPE given twice: ${where}`);
        types.set(type[1], type[2]);
      }
      continue;
    }
    const m = SAMPLE.exec(line);
    assert.ok(m?.[1] && m[3], `not a sample line: ${where}`);
    const labels: Record<string, string> = {};
    for (const [, key, quoted] of (m[2] ?? '').matchAll(PAIR)) labels[key as string] = JSON.parse(quoted as string) as string;
    const name = m[1];
    const family = types.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
    assert.ok(types.has(family), `a sample before its TYPE: ${where}`);
    const word = m[3].toLowerCase().replace(/^\+/, '');
    const value = word === 'nan' ? NaN : word.startsWith('inf') ? Infinity : word.startsWith('-inf') ? -Infinity : Number(m[3]);
    samples.push({ name, labels, value });
  }
  return { types, samples };
}

/** The one sample of `name` whose labels include `labels`. */
function sample(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  const found = exposition.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  assert.equal(found.length, 1, `one sample ${name}${JSON.stringify(labels)}; found ${found.length}`);
  return (found[0] as Sample).value;
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('metrics (GET /metrics)', () => {
  let store: Store;
  let bus: MemoryBus;
  let built: App;
  let url = '';

  const scrape = async (headers: Record<string, string> = {}, remoteAddress?: string) =>
    built.app.inject({ method: 'GET', url: '/metrics', headers, ...(remoteAddress ? { remoteAddress } : {}) });
  const read = async () => {
    const res = await scrape();
    assert.equal(res.statusCode, 200, res.body);
    return { text: res.body, exposition: parseExposition(res.body) };
  };

  before(async () => {
    store = await openPglite({ dataDir: 'memory://' });
    bus = new MemoryBus();
    built = await buildApp({ store, bus, content: await loadContent(), webRoot: null, metrics: new ServerMetrics({ process: true }), metricsToken: TOKEN });
    await built.app.listen({ host: '127.0.0.1', port: 0 });
    url = `ws://127.0.0.1:${(built.app.server.address() as AddressInfo).port}/ws`;
  });
  after(async () => {
    await built.app.close();
    await bus.close();
    await store.close();
  });

  it('[OPS-1] [OPS-3] after a small live meeting, /metrics answers Prometheus text with connections, meetings, events, broadcast latency, event-loop delay and memory; no meeting id, name or text', async () => {
    const content = await loadContent();
    const method = content.methods.get('goed-werk-hub');
    assert.ok(method);
    const made = await built.engine.createMeeting({ methodId: method.id, title: { nl: TITLE }, facilitators: [], centralQuestions: [], caseIds: [] }, method);
    const { meetingId } = made;
    await built.engine.execute({ meetingId, commandId: cmdId(), command: { type: 'OpenMeeting' }, actor: { role: 'system' } });
    const opened = await store.getMeeting<MeetingState>(meetingId);
    const joinCode = opened?.state.joinCode ?? '';
    assert.ok(joinCode);

    const before = await read();
    assert.equal(sample(before.exposition, 'goedwerk_live_connections', { role: 'facilitator' }), 0);
    assert.equal(sample(before.exposition, 'goedwerk_live_meetings'), 0);
    assert.equal(sample(before.exposition, 'goedwerk_events_committed_total'), 0);

    const clients: TestClient[] = [];
    const hello = async (credential: unknown) => {
      const c = await TestClient.connect(url);
      clients.push(c);
      c.send({ type: 'hello', protocol: PROTOCOL_VERSION, meetingId, credential });
      await c.next('welcome');
      return c;
    };
    const facilitator = await hello({ kind: 'facilitator', token: made.facilitatorToken });
    await hello({ kind: 'screen', token: made.screenToken });
    const names = ['Petra Canarisma', 'Joost Kanarievogel'];
    const participantIds = names.map(() => `p-${randomBytes(6).toString('hex')}`);
    const people = [];
    for (const participantId of participantIds) people.push(await hello({ kind: 'participant', participantId, secret: secret(), joinCode }));
    const silent = await TestClient.connect(url);
    clients.push(silent);

    const during = await read();
    assert.deepEqual(
      ['facilitator', 'screen', 'participant', 'unauthenticated'].map((role) => sample(during.exposition, 'goedwerk_live_connections', { role })),
      [1, 1, 2, 1],
      'open connections by role',
    );
    assert.equal(sample(during.exposition, 'goedwerk_live_meetings'), 1);

    // The meeting: people join by name, the facilitator starts and moves on, everyone sends a card.
    const seqBefore = (await store.getMeeting(meetingId))?.seq ?? 0;
    const command = async (client: TestClient, body: unknown) => {
      const commandId = cmdId();
      client.send({ type: 'command', commandId, command: body });
      const ack = await client.next('ack');
      assert.equal(ack.commandId, commandId);
      return ack.seq;
    };
    for (const [i, person] of people.entries()) await command(person, { type: 'JoinMeeting', acceptConfidentiality: true, displayName: names[i] });
    await command(facilitator, { type: 'StartMeeting' });
    await command(facilitator, { type: 'GoToStep', stepId: 'praktijkvragen' });
    let lastSeq = 0;
    for (const [i, person] of people.entries()) {
      lastSeq = await command(person, { type: 'SubmitContribution', stepId: 'praktijkvragen', contributionId: `card-${i}-${randomBytes(4).toString('hex')}`, payload: { kind: 'card', text: `${CANARY} (${i})` } });
    }
    // The broadcast reached the facilitator: an events frame at the last seq.
    await until(() => facilitator.received.some((m) => m.type === 'events' && m.seq >= lastSeq), 'the facilitator has the last events');

    const { text, exposition } = await read();
    assert.equal(exposition.types.get('goedwerk_live_connections'), 'gauge');
    assert.equal(exposition.types.get('goedwerk_live_meetings'), 'gauge');
    assert.equal(exposition.types.get('goedwerk_events_committed_total'), 'counter');
    assert.equal(exposition.types.get('goedwerk_broadcast_latency_seconds'), 'histogram');
    // Every event the live commands committed is counted, once.
    assert.equal(sample(exposition, 'goedwerk_events_committed_total'), lastSeq - seqBefore);
    // The broadcast latency: observed, cumulative buckets, realistic values (batched per 100 ms).
    const count = sample(exposition, 'goedwerk_broadcast_latency_seconds_count');
    const sum = sample(exposition, 'goedwerk_broadcast_latency_seconds_sum');
    assert.ok(count >= 1, `broadcasts observed: ${count}`);
    assert.ok(sum > 0 && sum / count < 2, `mean broadcast latency ${sum / count} s`);
    const buckets = exposition.samples.filter((s) => s.name === 'goedwerk_broadcast_latency_seconds_bucket');
    assert.ok(buckets.length >= 5);
    for (let i = 1; i < buckets.length; i++) assert.ok((buckets[i] as Sample).value >= (buckets[i - 1] as Sample).value, 'buckets are cumulative');
    assert.equal(sample(exposition, 'goedwerk_broadcast_latency_seconds_bucket', { le: '+Inf' }), count);
    assert.equal(sample(exposition, 'goedwerk_broadcast_latency_seconds_bucket', { le: '5' }), count, 'no broadcast took 5 s');
    // Serialisations per broadcast: once per role-view (facilitator, participants, screen), not per socket.
    assert.equal(exposition.types.get('goedwerk_live_broadcasts_total'), 'counter');
    const broadcasts = sample(exposition, 'goedwerk_live_broadcasts_total');
    const serializations = sample(exposition, 'goedwerk_live_serializations_total');
    assert.ok(broadcasts >= 1 && serializations >= 1, `broadcasts ${broadcasts}, serialisations ${serializations}`);
    assert.ok(serializations <= 3 * broadcasts, `at most one serialisation per view: ${serializations} for ${broadcasts} broadcasts to ${people.length} participants`);
    // The process: event-loop delay (p99 since the last scrape) and memory.
    const p99 = sample(exposition, 'nodejs_eventloop_lag_p99_seconds');
    assert.ok(p99 >= 0 && p99 < 5, `event-loop delay p99 ${p99} s`);
    assert.ok(sample(exposition, 'process_resident_memory_bytes') > 10 * 1024 * 1024);
    assert.ok(sample(exposition, 'nodejs_heap_size_used_bytes') > 0);

    // [OPS-3] counts only: no meeting id, title, join code, token, participant id, name or text.
    const secrets = [meetingId, TITLE, joinCode, made.facilitatorToken, made.screenToken, ...participantIds, ...names, CANARY, 'Kanarie', 'praktijkvragen'];
    for (const s of secrets) assert.ok(!text.includes(s), `the metrics hold ${s}`);
    const labelNames = new Set(exposition.samples.filter((s) => s.name.startsWith('goedwerk_')).flatMap((s) => Object.keys(s.labels)));
    assert.deepEqual([...labelNames].sort(), ['le', 'role']);

    // Connections go down again; the meeting leaves with its last socket.
    for (const person of people) person.close();
    silent.close();
    await until(async () => sample((await read()).exposition, 'goedwerk_live_connections', { role: 'participant' }) === 0, 'participants gone');
    const fewer = (await read()).exposition;
    assert.equal(sample(fewer, 'goedwerk_live_connections', { role: 'unauthenticated' }), 0);
    assert.equal(sample(fewer, 'goedwerk_live_connections', { role: 'facilitator' }), 1);
    assert.equal(sample(fewer, 'goedwerk_live_meetings'), 1);
    for (const c of clients) c.close();
    await until(async () => sample((await read()).exposition, 'goedwerk_live_meetings') === 0, 'no meeting with live sockets');
    assert.equal(sample((await read()).exposition, 'goedwerk_live_connections', { role: 'facilitator' }), 0);
  });

  it('[OPS-2] /metrics is read from loopback, or from elsewhere with the bearer token; anyone else gets a 404', async () => {
    const ok = await scrape();
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal(ok.headers['cache-control'], 'no-store');
    assert.equal((await scrape({}, '::1')).statusCode, 200, 'IPv6 loopback');
    const head = await built.app.inject({ method: 'HEAD', url: '/metrics' });
    assert.equal(head.statusCode, 200);
    assert.equal(head.body, '');

    const refusals: [string, Record<string, string>, string | undefined][] = [
      ['another address', {}, '203.0.113.7'],
      ['another address with a wrong token', { authorization: `Bearer ${TOKEN}x` }, '203.0.113.7'],
      ['another address with the token as a basic password', { authorization: `Basic ${TOKEN}` }, '198.51.100.4'],
      ['a private address', {}, '10.1.2.3'],
      ['a proxy on this host forwarding a request from elsewhere', { 'x-forwarded-for': '203.0.113.7' }, undefined],
      ['a proxy on this host (Forwarded)', { forwarded: 'for=203.0.113.7' }, undefined],
    ];
    for (const [what, headers, address] of refusals) {
      const res = await scrape(headers, address);
      assert.equal(res.statusCode, 404, what);
      assert.deepEqual(res.json(), { error: 'not_found', message: 'no route for GET /metrics' }, what);
      assert.ok(!res.body.includes('goedwerk_'), what);
    }
    const allowed = await scrape({ authorization: `Bearer ${TOKEN}` }, '203.0.113.7');
    assert.equal(allowed.statusCode, 200, 'with the token');
    assert.ok(parseExposition(allowed.body).types.has('goedwerk_live_connections'));
    const viaProxy = await scrape({ authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': '203.0.113.7' });
    assert.equal(viaProxy.statusCode, 200, 'with the token through a proxy');

    // Without GOEDWERK_METRICS_TOKEN, only loopback: no token opens it.
    const store2 = await openPglite({ dataDir: 'memory://' });
    const bus2 = new MemoryBus();
    const plain = await buildApp({ store: store2, bus: bus2, content: await loadContent(), webRoot: null });
    try {
      assert.equal((await plain.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7', headers: { authorization: 'Bearer ' } })).statusCode, 404);
      assert.equal((await plain.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode, 404);
      const local = await plain.app.inject({ method: 'GET', url: '/metrics' });
      assert.equal(local.statusCode, 200);
      // An app built without the process's default metrics (as in tests) has its own, and they are separate.
      assert.ok(parseExposition(local.body).types.has('goedwerk_broadcast_latency_seconds'));
      assert.ok(!local.body.includes('nodejs_eventloop_lag'));
    } finally {
      await plain.app.close();
      await bus2.close();
      await store2.close();
    }
  });

  it('[OPS-2] GOEDWERK_METRICS_TOKEN is read from the environment, and a short one is refused', () => {
    assert.equal(readConfig({ GOEDWERK_METRICS_TOKEN: ` ${TOKEN} ` }).metricsToken, TOKEN);
    assert.equal(readConfig({}).metricsToken, undefined);
    assert.throws(() => readConfig({ GOEDWERK_METRICS_TOKEN: 'geheim' }), /GOEDWERK_METRICS_TOKEN must be at least 24 characters/);
  });
});
