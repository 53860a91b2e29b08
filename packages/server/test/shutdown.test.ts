/**
 * [OPS-4] [OPS-5] [OPS-6] The real server process (`goedwerk start`) with live clients, stopped
 * with SIGTERM: every live socket is closed with 1012 (service restart), the process exits 0
 * within 10 s, what was acknowledged is in the database, the browser's session reconnects (to the
 * server started again: "another node") instead of giving up, and every log line is JSON.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type MeetingEvent, type MeetingState, PROTOCOL_VERSION } from '@goedwerk/core';
import { openPglite } from '@goedwerk/store';
import { LiveSession } from '../../web/src/live/session.ts';
import { liveTicket, TestClient } from '../src/test-harness.ts';
import { freePort, MemoryStorage, newSecret, SocketFactory, until } from './helpers.ts';
import { ServerProcess, serverEnv } from './server-process.ts';

const DEMO_MEETING = 'goed-werk-hub-2014-01-23';
const STEP = 'praktijkvragen';
const CANARY = 'Kanarietekst 7310: het afscheid van de afdeling';

describe('graceful shutdown of the server process', { timeout: 5 * 60_000 }, () => {
  it('[OPS-5] [OPS-6] [OPS-4] on SIGTERM live sockets close with 1012, the process exits 0 within 10 s, acknowledged work is stored, the browser session reconnects, and the log is JSON lines', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'goedwerk-shutdown-'));
    const port = await freePort();
    const { DATABASE_URL: _unused, ...inherited } = process.env;
    // serverEnv's secret is shared across the restart, as nodes of one deployment share it.
    const env = serverEnv(inherited, port, { GOEDWERK_DATA_DIR: dataDir, GOEDWERK_DEMO: 'true' });
    const http = `http://127.0.0.1:${port}`;
    const ws = `ws://127.0.0.1:${port}/ws`;
    const sockets = new SocketFactory();
    const clients: TestClient[] = [];
    let server = await ServerProcess.start(env);
    let session: LiveSession | null = null;
    try {
      const token = server.lines.find((l) => l.includes(`demo meeting ${DEMO_MEETING}`))?.match(/console \S+#token=([A-Za-z0-9_-]+)/)?.[1];
      assert.ok(token, 'the first start logs the demo meeting with its console link');
      const hello = (credential: unknown) => ({ type: 'hello', protocol: PROTOCOL_VERSION, meetingId: DEMO_MEETING, credential });
      const connect = async (credential?: unknown) => {
        const c = await TestClient.connect(ws);
        clients.push(c);
        if (credential) {
          c.send(hello(credential));
          await c.next('welcome', 10_000);
        }
        return c;
      };
      const command = (c: TestClient, body: unknown, commandId = `cmd-${randomBytes(6).toString('hex')}`) => {
        c.send({ type: 'command', commandId, command: body });
        return commandId;
      };

      const facilitator = await connect({ kind: 'facilitator', token });
      const snapshot = await facilitator.next('snapshot');
      command(facilitator, { type: 'StartMeeting' });
      await facilitator.next('ack', 10_000);
      command(facilitator, { type: 'GoToStep', stepId: STEP });
      await facilitator.next('ack', 10_000);
      const joinCode = (snapshot.state as MeetingState).joinCode;
      assert.ok(joinCode, 'the running demo meeting has a join code');

      // A participant over a raw socket: joins and sends a card, acknowledged before the stop.
      const participant = await connect({ kind: 'participant', participantId: `sd-${randomBytes(5).toString('hex')}`, secret: newSecret(), joinCode });
      command(participant, { type: 'JoinMeeting', acceptConfidentiality: true });
      await participant.next('ack', 10_000);
      const acknowledged = `sd-card-${randomBytes(4).toString('hex')}`;
      command(participant, { type: 'SubmitContribution', stepId: STEP, contributionId: acknowledged, payload: { kind: 'card', text: CANARY } });
      const ack = await participant.next('ack', 10_000);
      assert.equal(ack.duplicate, false);
      // A socket that never said hello.
      const stranger = await connect();

      // The browser's session, as a participant's phone runs it.
      const phone = `sd-phone-${randomBytes(4).toString('hex')}`;
      session = new LiveSession({
        url: ws,
        ticket: () => liveTicket(ws),
        meetingId: DEMO_MEETING,
        credential: { kind: 'participant', participantId: phone, secret: newSecret(), joinCode },
        createSocket: sockets.create,
        storage: new MemoryStorage(),
        outboxKey: 'phone',
        baseDelayMs: 100,
        maxDelayMs: 1000,
      });
      const live = session;
      const seen: string[] = [];
      live.subscribe(() => {
        if (seen.at(-1) !== live.connection) seen.push(live.connection);
      });
      live.start();
      await until(() => live.connection === 'open', 'the phone is connected', 10_000);
      const joined = await live.send({ type: 'JoinMeeting', acceptConfidentiality: true });
      assert.ok(joined.ok, JSON.stringify(joined));

      // The process's own metrics, as a scraper on this host reads them.
      const metrics = await fetch(`${http}/metrics`);
      assert.equal(metrics.status, 200);
      const text = await metrics.text();
      assert.match(text, /^goedwerk_live_connections\{role="participant"\} 2$/m);
      assert.match(text, /^goedwerk_live_connections\{role="unauthenticated"\} 1$/m);
      assert.match(text, /^nodejs_eventloop_lag_p99_seconds \d/m);
      assert.match(text, /^process_resident_memory_bytes \d/m);

      // A card sent right before the signal: in flight while the server drains.
      const inFlight = `sd-late-${randomBytes(4).toString('hex')}`;
      const lateId = command(participant, { type: 'SubmitContribution', stepId: STEP, contributionId: inFlight, payload: { kind: 'card', text: `${CANARY} (laat)` } });
      const t0 = Date.now();
      server.child.kill('SIGTERM');
      const exit = await Promise.race([server.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 12_000))]);
      const tookMs = Date.now() - t0;
      assert.ok(exit, `the process is still running ${tookMs} ms after SIGTERM:\n${server.lines.slice(-10).join('\n')}`);
      assert.deepEqual(exit, { code: 0, signal: null }, `exit after SIGTERM:\n${server.lines.slice(-10).join('\n')}`);
      assert.ok(tookMs < 10_000, `exited after ${tookMs} ms`);
      console.log(`# shutdown took ${tookMs} ms`);

      // [OPS-5] every live socket, with or without a hello, was told to reconnect elsewhere.
      for (const [what, c] of [['facilitator', facilitator], ['participant', participant], ['socket without hello', stranger]] as const) {
        await until(() => c.closed !== null, `${what} closed`, 3000);
        assert.deepEqual(c.closed, { code: 1012, reason: 'service restart' }, what);
        assert.ok(!c.received.some((m) => m.type === 'goodbye' || (m.type === 'error' && m.code === 'internal')), `${what}: no goodbye, no internal error`);
      }
      // The card in flight: committed and acknowledged before the close, or left for the client to send again.
      const lateAck = participant.received.some((m) => m.type === 'ack' && m.commandId === lateId);
      console.log(`# the card sent with the signal was ${lateAck ? '' : 'not '}acknowledged before the close`);

      // [OPS-6] the phone's session does not give up: it is reconnecting, never removed or refused.
      await until(() => live.connection === 'reconnecting', `the phone reconnects (${seen.join(' → ')})`, 3000);
      assert.ok(!seen.includes('removed') && !seen.includes('refused'), seen.join(' → '));

      // What was acknowledged is in the database, read with the server stopped.
      const store = await openPglite({ dataDir });
      let cards: string[];
      try {
        const log = await store.eventsSince<MeetingEvent>(DEMO_MEETING, 0, 1_000_000);
        cards = log.flatMap(({ event }) => (event.type === 'ContributionSubmitted' && event.stepId === STEP ? [event.contributionId] : []));
      } finally {
        await store.close();
      }
      assert.ok(cards.includes(acknowledged), 'the acknowledged card is stored');
      if (lateAck) assert.ok(cards.includes(inFlight), 'the card acknowledged while draining is stored');
      assert.equal(cards.filter((id) => id === acknowledged).length, 1);

      // [OPS-4] the log: one JSON object a line (pino), with no contribution text.
      const first = server.stdout;
      assert.ok(first.length > 0);
      for (const line of first) {
        const entry = JSON.parse(line) as { level?: unknown; time?: unknown; msg?: unknown };
        assert.ok(typeof entry.level === 'number' && typeof entry.time === 'number', `a pino line: ${line}`);
      }
      assert.ok(first.some((l) => l.includes('SIGTERM: shutting down')) && first.some((l) => l.includes('"msg":"shut down"')));
      assert.ok(!first.join('\n').includes('Kanarietekst'), 'no contribution text in the log');

      // The next node (the server started again on the same data): the phone comes back by itself.
      server = await ServerProcess.start(env);
      const joinedSeq = joined.ok ? joined.seq : Infinity;
      await until(() => live.connection === 'open' && live.seq >= joinedSeq, `the phone reconnected and caught up (${seen.join(' → ')}; seq ${live.seq})`, 20_000);
      const again = await live.send({ type: 'SubmitContribution', stepId: STEP, contributionId: `sd-after-${randomBytes(4).toString('hex')}`, payload: { kind: 'card', text: 'na de herstart' } });
      assert.ok(again.ok, JSON.stringify(again));
    } finally {
      session?.stop();
      for (const c of clients) c.close();
      sockets.terminateAll();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
