/**
 * [RL-1] kill -9 under load: a real server process (`goedwerk start`) is killed with SIGKILL at
 * random moments while participants send cards through LiveSession, and restarted on the same
 * port and data. Afterwards every acknowledged contribution is in the event log once, and every
 * contribution the clients sent is there once after their outboxes drained.
 * Rounds: GOEDWERK_KILL9_ROUNDS (default 5 per backend; quality.md asks 50).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { LiveCommand, MeetingEvent, MeetingState } from '@goedwerk/core';
import { openPglite, openPostgres, type Store } from '@goedwerk/store';
import postgres from 'postgres';
import { LiveSession } from '../../web/src/live/session.ts';
import { liveTicket } from '../src/test-harness.ts';
import { ServerProcess, serverEnv } from './server-process.ts';
import { between, figure, freePort, MemoryStorage, newSecret, seededRandom, sleep, SocketFactory, testSeed, until } from './helpers.ts';
import { MEETING_CHECKPOINTS } from '../src/adapters.ts';

const ROUNDS = Math.max(1, Number.parseInt(process.env.GOEDWERK_KILL9_ROUNDS ?? '5', 10) || 5);
const PARTICIPANTS = 4;
/**
 * A participant queues at most this many unacknowledged cards (a person, not a script). Kept low
 * so the offered load follows what the server commits: a commit rewrites the whole meeting
 * state, so it slows down as the meeting fills up over many rounds.
 */
const MAX_PENDING = 3;
const STEP = 'praktijkvragen';
const DEMO_MEETING = 'goed-werk-hub-2014-01-23';

interface Backend {
  readonly name: 'pglite' | 'postgres';
  readonly env: NodeJS.ProcessEnv;
  openStore(): Promise<Store>;
}

interface Participant {
  readonly index: number;
  readonly session: LiveSession;
}

async function runCrashRounds(backend: Backend, seed: number): Promise<void> {
  const random = seededRandom(seed);
  const port = await freePort();
  // One key across restarts (serverEnv's secret), as several nodes would share it: a ticket fetched
  // just before a kill is still good after the restart (until it expires).
  const env = serverEnv(backend.env, port, { GOEDWERK_DEMO: 'true' });
  const url = `ws://127.0.0.1:${port}/ws`;
  const sockets = new SocketFactory();
  const sessions: LiveSession[] = [];
  let server = await ServerProcess.start(env);
  const startedAt = Date.now();

  const open = (credential: ConstructorParameters<typeof LiveSession>[0]['credential'], key: string) => {
    const session = new LiveSession({
      url,
      // Fetched before every (re)connect; while the server is down the fetch fails and is retried.
      ticket: () => liveTicket(url),
      meetingId: DEMO_MEETING,
      credential,
      createSocket: sockets.create,
      storage: new MemoryStorage(),
      outboxKey: key,
      random,
      baseDelayMs: 100,
      // Bounded so a restart of 3–5 s costs at most a few seconds more per round.
      maxDelayMs: 2000,
    });
    sessions.push(session);
    session.start();
    return session;
  };
  const ok = async (session: LiveSession, command: LiveCommand) => {
    const outcome = await session.send(command);
    assert.ok(outcome.ok, `${command.type}: ${JSON.stringify(outcome)}`);
    return outcome;
  };

  try {
    const facilitator = open({ kind: 'facilitator', token: server.facilitatorToken(DEMO_MEETING) }, 'facilitator');
    await until(() => facilitator.connection === 'open' && facilitator.state !== null, 'facilitator connected', 10_000);
    await ok(facilitator, { type: 'StartMeeting' });
    await ok(facilitator, { type: 'GoToStep', stepId: STEP });
    const joinCode = facilitator.state?.joinCode;
    assert.ok(joinCode, 'the running meeting has a join code');

    const participants: Participant[] = [];
    for (let index = 0; index < PARTICIPANTS; index++) {
      const participantId = `k9p-${index}-${randomBytes(4).toString('hex')}`;
      const session = open({ kind: 'participant', participantId, secret: newSecret(), joinCode }, `p${index}`);
      await until(() => session.connection === 'open', `participant ${index} connected`, 10_000);
      await ok(session, { type: 'JoinMeeting', acceptConfidentiality: true });
      participants.push({ index, session });
    }

    // Every card a client queued, and what the server answered.
    const sent = new Set<string>();
    const acked = new Set<string>();
    const rejected = new Map<string, string>();
    const settled = new Set<string>();
    let maxAckSeq = 0;
    let resendsAnsweredAsDuplicate = 0;
    let sending = true;
    const senders = participants.map(async ({ index, session }) => {
      for (let n = 0; sending; n++) {
        if (session.pending.length < MAX_PENDING) {
          const contributionId = `k9-${index}-${n}-${randomBytes(3).toString('hex')}`;
          sent.add(contributionId);
          void session
            .send({ type: 'SubmitContribution', stepId: STEP, contributionId, payload: { kind: 'card', text: `kaart ${index}.${n}` } })
            .then((outcome) => {
              settled.add(contributionId);
              if (outcome.ok) {
                acked.add(contributionId);
                if (outcome.duplicate) resendsAnsweredAsDuplicate++;
                maxAckSeq = Math.max(maxAckSeq, outcome.seq);
              } else rejected.set(contributionId, outcome.code);
            });
        }
        await sleep(between(random, 100, 400));
      }
    });

    let rounds = 0;
    let killedWhileStarting = 0;
    let restartMs = 0;
    let backMs = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      await sleep(between(random, 200, 1500));
      const ackedAtKill = acked.size;
      await server.kill9();
      await sleep(between(random, 0, 400));
      if (random() < 0.3) {
        // Killed again while starting: opening the database, recovering, or just listening.
        const starting = ServerProcess.spawn(env);
        await sleep(between(random, 300, 4000));
        await starting.kill9();
        killedWhileStarting++;
      }
      const t0 = Date.now();
      server = await ServerProcess.start(env);
      const t1 = Date.now();
      rounds++;
      // The clients come back by themselves, and the work goes on.
      const clients = () => sessions.map((s) => `${s.connection}/${s.lastError ?? '-'}/${s.pending.length} pending`).join(', ');
      await until(() => sessions.every((s) => s.connection === 'open'), () => `round ${round}: every client reconnected (${clients()})`, 60_000);
      await until(() => acked.size > ackedAtKill, () => `round ${round}: acknowledgements after the restart (${clients()})`, 60_000);
      backMs = Math.max(backMs, Date.now() - t1);
      restartMs = Math.max(restartMs, t1 - t0);
    }

    sending = false;
    await Promise.all(senders);
    await until(
      () => participants.every((p) => p.session.pending.length === 0) && settled.size === sent.size,
      () => `outboxes drained (${participants.map((p) => p.session.pending.length).join(',')} pending; ${settled.size}/${sent.size} settled)`,
      30_000,
    );
    await until(() => facilitator.seq >= maxAckSeq, 'facilitator caught up with the last ack', 10_000);
    const seen = new Set(Object.keys(facilitator.state?.steps[STEP]?.contributions ?? {}));

    for (const s of sessions) s.stop();
    sockets.terminateAll();
    await server.stop();

    // The event log, read with the server stopped: the source of truth.
    const store = await backend.openStore();
    let log: { seq: number; event: MeetingEvent }[];
    let stored: Awaited<ReturnType<Store['getMeeting']>>;
    try {
      log = await store.eventsSince<MeetingEvent>(DEMO_MEETING, 0, 1_000_000);
      stored = await store.getMeeting<MeetingState>(DEMO_MEETING);
    } finally {
      await store.close();
    }
    const times = new Map<string, number>();
    for (const { event } of log) {
      if (event.type === 'ContributionSubmitted' && event.stepId === STEP) times.set(event.contributionId, (times.get(event.contributionId) ?? 0) + 1);
    }
    const ackedLost = [...acked].filter((id) => !times.has(id));
    const sentLost = [...sent].filter((id) => !times.has(id) && !rejected.has(id));
    const duplicates = [...times.values()].reduce((sum, n) => sum + n - 1, 0);
    const strangers = [...times.keys()].filter((id) => !sent.has(id));
    const notSeen = [...times.keys()].filter((id) => !seen.has(id));
    const state = stored?.state as MeetingState | undefined;
    const inState = Object.keys(state?.steps[STEP]?.contributions ?? {});

    console.log(
      `# ${backend.name}: ${rounds} kill -9 rounds (${killedWhileStarting} with a second kill while starting) in ${Math.round((Date.now() - startedAt) / 1000)} s; ` +
        `${sent.size} cards sent, ${acked.size} acknowledged ` +
        `(${resendsAnsweredAsDuplicate} of them as a duplicate: committed before a kill, resent after), ${rejected.size} refused, ` +
        `${log.length} events, seq ${stored?.seq}; slowest restart ${restartMs} ms, slowest return of all clients ${backMs} ms after it`,
    );
    figure(`kill9_rounds_${backend.name}`, rounds);
    figure(`kill9_acked_lost_${backend.name}`, ackedLost.length);
    figure(`kill9_duplicates_${backend.name}`, duplicates + strangers.length);

    assert.equal(rounds, ROUNDS);
    assert.deepEqual(ackedLost, [], 'acknowledged contributions missing from the log');
    assert.equal(duplicates, 0, 'a contribution id appears in more than one event');
    assert.deepEqual(strangers, [], 'contributions nobody sent');
    assert.deepEqual([...rejected], [], 'no card should be refused');
    assert.deepEqual(sentLost, [], 'sent contributions missing after the outboxes drained');
    assert.equal(acked.size, sent.size, 'every sent card was acknowledged in the end');
    assert.deepEqual(notSeen, [], "the facilitator's live view misses contributions of the log");
    assert.equal(seen.size, times.size, "the facilitator's live view has contributions the log does not");
    assert.deepEqual(inState.sort(), [...times.keys()].sort(), 'the stored snapshot agrees with the log');
    assert.equal(stored?.seq, log.at(-1)?.seq, 'the snapshot is at the last event');
  } finally {
    for (const s of sessions) s.stop();
    sockets.terminateAll();
    await server.stop();
  }
}

describe('[RL-1] kill -9 of the server under load', { timeout: 30 * 60_000 }, () => {
  const seed = testSeed('kill9');

  it('[RL-1] kill -9 on the embedded database (PGlite): nothing acknowledged lost, nothing twice', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'goedwerk-kill9-'));
    const { DATABASE_URL: _unused, ...env } = process.env;
    try {
      await runCrashRounds({ name: 'pglite', env: { ...env, GOEDWERK_DATA_DIR: dataDir }, openStore: () => openPglite({ dataDir, checkpoints: MEETING_CHECKPOINTS }) }, seed);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl === undefined || adminUrl === '') {
    console.log('# [RL-1] PostgreSQL variant not run here: DATABASE_URL is not set');
    return;
  }
  it('[RL-1] kill -9 on PostgreSQL: nothing acknowledged lost, nothing twice', async () => {
    const name = `goedwerk_kill9_${randomBytes(4).toString('hex')}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      await runCrashRounds(
        { name: 'postgres', env: { ...process.env, DATABASE_URL: url.toString() }, openStore: () => openPostgres({ url: url.toString(), checkpoints: MEETING_CHECKPOINTS }) },
        seed ^ 0x9e3779b9,
      );
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
