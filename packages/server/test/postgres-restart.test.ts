/**
 * [RL-7] PostgreSQL goes away under load and comes back. The server talks to PostgreSQL through a
 * TCP proxy (fault-proxy.ts) that, as a restart does, ends every connection at once and refuses
 * new ones for a few seconds; live clients keep answering meanwhile. The server reconnects by
 * itself; the clients show that they are reconnecting, then send what is unacknowledged again;
 * nothing acknowledged is lost, nothing is stored twice. Runs where DATABASE_URL points at a
 * PostgreSQL server (CI always sets it), in a database of its own, dropped afterwards.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Credential, LiveCommand, MeetingEvent } from '@goedwerk/core';
import { openPostgres, reconnectBackoff, type Store } from '@goedwerk/store';
import postgres from 'postgres';
import { LiveSession } from '../../web/src/live/session.ts';
import { liveTicket, startTestServer, type TestServer } from '../src/test-harness.ts';
import { FaultProxy } from './fault-proxy.ts';
import { between, figure, MemoryStorage, newId, newSecret, seededRandom, sleep, SocketFactory, testSeed, until } from './helpers.ts';

const adminUrl = process.env.DATABASE_URL;
const STEP = 'praktijkvragen';
/** How long the database is away: new connections are refused meanwhile. */
const OUTAGE_MS = 3000;

if (adminUrl === undefined) {
  console.log('# [RL-7] not run here: DATABASE_URL is not set');
} else {
  describe('[RL-7] PostgreSQL restarted under load', { timeout: 3 * 60_000 }, () => {
    const random = seededRandom(testSeed('postgres-restart'));
    const name = `goedwerk_restart_${randomBytes(4).toString('hex')}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const direct = new URL(adminUrl);
    direct.pathname = `/${name}`;
    let proxy: FaultProxy;
    let store: Store;
    /** A connection of its own, not through the proxy: what is really stored. */
    let check: Store;
    let server: TestServer;
    let meetingId: string;
    const sockets = new SocketFactory();
    const sessions: LiveSession[] = [];
    const sent = new Set<string>();
    const acked = new Set<string>();
    const refused = new Map<string, string>();
    /** Whether each participant's session was seen reconnecting during the outage. */
    const sawReconnecting = new Set<LiveSession>();
    let background = true;
    let backgroundDone: Promise<void> = Promise.resolve();

    const session = (credential: Credential) => {
      const s = new LiveSession({
        url: server.wsUrl,
        ticket: () => liveTicket(server.url),
        meetingId,
        credential,
        createSocket: sockets.create,
        storage: new MemoryStorage(),
        outboxKey: 'outbox',
        random,
      });
      sessions.push(s);
      s.subscribe(() => {
        if (s.connection === 'reconnecting') sawReconnecting.add(s);
      });
      s.start();
      return s;
    };
    const ok = async (s: LiveSession, command: LiveCommand) => {
      const outcome = await s.send(command);
      assert.ok(outcome.ok, `${command.type}: ${JSON.stringify(outcome)}`);
    };
    const answer = (s: LiveSession, label: string) => {
      const contributionId = newId(`pg-${label}`);
      sent.add(contributionId);
      void s.send({ type: 'SubmitContribution', stepId: STEP, contributionId, payload: { kind: 'card', text: `antwoord ${label}` } }).then((o) => (o.ok ? acked.add(contributionId) : refused.set(contributionId, o.code)));
    };

    before(async () => {
      await admin.unsafe(`create database ${name}`);
      proxy = new FaultProxy(Number(direct.port || 5432));
      await proxy.listen();
      const proxied = new URL(direct);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(proxy.port);
      store = await openPostgres({ url: proxied.toString() });
      check = await openPostgres({ url: direct.toString(), maxConnections: 2 });
      server = await startTestServer({ store });
      const method = server.content.methods.get('goed-werk-hub');
      assert.ok(method);
      const made = await server.engine.createMeeting({ methodId: method.id, title: { nl: 'Herstart' }, facilitators: [], centralQuestions: [], caseIds: [] }, method);
      meetingId = made.meetingId;
      const facilitator = session({ kind: 'facilitator', token: made.facilitatorToken });
      await until(() => facilitator.connection === 'open', 'facilitator connected');
      await ok(facilitator, { type: 'OpenMeeting' });
      await ok(facilitator, { type: 'StartMeeting' });
      await ok(facilitator, { type: 'GoToStep', stepId: STEP });
      await ok(facilitator, { type: 'StartTimer', seconds: 3600 });
      const joinCode = facilitator.state?.joinCode ?? '';
      const participants = Array.from({ length: 5 }, () => session({ kind: 'participant', participantId: newId('pg'), secret: newSecret(), joinCode }));
      for (const p of participants) {
        await until(() => p.connection === 'open', 'participant connected');
        await ok(p, { type: 'JoinMeeting', acceptConfidentiality: true });
      }
      sawReconnecting.clear();
      // Load: every participant keeps answering, a few at a time, whatever the database does.
      backgroundDone = Promise.all(
        participants.map(async (p, i) => {
          while (background) {
            if (p.pending.length < 5) answer(p, `p${i}`);
            await sleep(between(random, 100, 300));
          }
        }),
      ).then(() => {});
    });

    after(async () => {
      background = false;
      await backgroundDone;
      for (const s of sessions) s.stop();
      sockets.terminateAll();
      await server?.close();
      await check?.close();
      await proxy?.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    });

    it('[RL-7] the database goes away for 3 s: the server reconnects by itself, clients show it and resend, nothing acknowledged is lost or stored twice', async () => {
      await sleep(1000);
      const ackedBefore = acked.size;
      assert.ok(ackedBefore > 0, 'answers were stored before the outage');
      // The restart: every connection ends at once, new ones are refused for a while.
      proxy.newConnections = 'refuse';
      proxy.cutAll();
      const downAt = Date.now();
      await sleep(OUTAGE_MS);
      proxy.newConnections = 'forward';
      const upAt = Date.now();
      // Answers keep coming for a while after it is back, then stop; everything sent must be settled.
      await sleep(1500);
      background = false;
      await backgroundDone;
      await until(() => sessions.every((s) => s.connection === 'open' && s.pending.length === 0), () => `every client back with nothing pending: ${sessions.map((s) => `${s.connection}/${s.pending.length}`).join(' ')}`, 30_000, 20);
      const backMs = Date.now() - upAt;
      const participants = sessions.slice(1);
      assert.ok(participants.some((s) => sawReconnecting.has(s)), 'the clients showed that they were reconnecting');
      assert.deepEqual([...refused], [], 'no answer was refused');
      assert.equal(acked.size, sent.size, 'every answer sent was acknowledged in the end');
      assert.ok(acked.size > ackedBefore, 'answers were stored after the outage too');
      const stored = new Map<string, number>();
      for (const { event } of await check.eventsSince<MeetingEvent>(meetingId, 0, 1_000_000)) {
        if (event.type === 'ContributionSubmitted') stored.set(event.contributionId, (stored.get(event.contributionId) ?? 0) + 1);
      }
      const lost = [...acked].filter((id) => !stored.has(id)).length;
      const duplicated = [...stored.values()].filter((n) => n > 1).length;
      figure('pg_restart_acked_lost', lost);
      figure('pg_restart_duplicated', duplicated);
      figure('pg_restart_back_ms', backMs);
      console.log(`# [RL-7] ${sent.size} answers sent, ${acked.size} acknowledged; database away ${upAt - downAt} ms; every client connected with nothing pending ${backMs} ms after it answered again (answers kept coming for the first 1.5 s of that)`);
      assert.equal(lost, 0, 'nothing acknowledged lost');
      assert.equal(duplicated, 0, 'nothing stored twice');
    });

    it('[RL-7] connections reset again and again during queries and transactions: the client library throws nothing the process cannot catch', async () => {
      // Two faults of `postgres` 3.4.9 that end a process: a write scheduled after the socket closed
      // (porsager/postgres#1154) and the rejected array-type query of a connection reset while it
      // starts. patches/postgres+3.4.9.patch guards both; without it this test fails.
      const escaped: string[] = [];
      const onUncaught = (error: Error) => escaped.push(`uncaught ${error.name}: ${error.message}`);
      const onUnhandled = (reason: unknown) => escaped.push(`unhandled rejection: ${String(reason)}`);
      process.on('uncaughtException', onUncaught);
      process.on('unhandledRejection', onUnhandled);
      const proxied = new URL(direct);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(proxy.port);
      const client = postgres(proxied.toString(), { max: 4, onnotice: () => {}, backoff: reconnectBackoff });
      let committed = 0;
      let failed = 0;
      // The library can also leave a query inside a transaction waiting for ever after a reset at the
      // wrong moment (about one run in four here, with or without the patch); the store gives its
      // commits a deadline for that (ST-26). Here such a transaction counts as stuck.
      let stuck = 0;
      try {
        const work = async () => {
          for (let i = 0; i < 300; i++) {
            const transaction = client.begin(async (tx) => {
              await tx`select 1`;
              await new Promise((resolve) => setImmediate(resolve));
              await tx`select pg_sleep(0.001)`;
              await tx`select 2`;
            });
            const outcome = await Promise.race([transaction.then(() => 'committed' as const, () => 'failed' as const), sleep(5000).then(() => 'stuck' as const)]);
            if (outcome === 'committed') committed++;
            else if (outcome === 'failed') failed++;
            else stuck++;
          }
        };
        const cuts = (async () => {
          for (let i = 0; i < 30; i++) {
            await sleep(40);
            proxy.cutAll();
          }
        })();
        await Promise.all([work(), work(), work(), work(), cuts]);
        // After the resets the same client works again.
        const [row] = await client`select 42 as answer`;
        assert.equal(row?.answer, 42);
        await sleep(100);
      } finally {
        process.off('uncaughtException', onUncaught);
        process.off('unhandledRejection', onUnhandled);
        await client.end({ timeout: 1 });
      }
      console.log(`# [RL-7] 30 resets: ${committed} transactions committed, ${failed} failed with a connection error, ${stuck} stuck; ${escaped.length} errors escaped`);
      assert.ok(failed > 0, 'the resets did hit transactions');
      assert.deepEqual(escaped, [], 'no error escaped to the process');
    });
  });
}
