/**
 * One run of the live benchmark (bench/live.ts): one system (the plain `ws` baseline or the real
 * server) at one size, in three bounded phases: start and prepare, join, vote. Not a test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { BENCH_SECRET, createAdmin, type LiveConn, OPTIONS, openForVoting, prepareMeeting, Probe, readMetrics, STEP } from './live-meeting.ts';
import { freePort, log, ServerProcess, sleep, Worker } from './live-processes.ts';
import { counter, histogramDelta, loopDelayMaxMs, loopDelayP99Ms, type MetricSample, now, percentile, processCpuNs, processRssBytes } from './live-shared.ts';

export type System = 'ws' | 'goedwerk';

/** Node options for every server under test: a full GC on SIGUSR2, before each memory reading (BENCH_LIVE_NO_GC=1: none). */
const GC_HOOK = process.env.BENCH_LIVE_NO_GC === '1' ? [] : ['--expose-gc', '--import', './bench/live-gc.mjs'];

export interface RunOptions {
  readonly workers: number;
  readonly joinConcurrency: number;
  readonly joinTimeoutMs: number;
  readonly voteWindowMs: number;
  readonly voteTimeoutMs: number;
  readonly baselineIntervalMs: number;
  /** A folder for a V8 CPU profile of the real server (`--cpu-prof`), or null. */
  readonly profileDir: string | null;
}

export interface Result {
  system: System;
  participants: number;
  /** All joined, all votes acknowledged, the final tally seen everywhere, nobody dropped. */
  complete: boolean;
  error?: string;
  joined: number;
  joinFailures: Record<string, number>;
  joinAllMs: number | null;
  joinsPerSecond: number | null;
  /** Time to 25 %, 50 %, 75 % and 100 % of the participants joined (null where not reached). */
  joinQuartilesMs: (number | null)[];
  joinFrames: number;
  rssBeforeBytes: number | null;
  rssAfterBytes: number | null;
  bytesPerParticipant: number | null;
  /** The server's peak RSS (VmHWM) by the end of the vote: the fan-out of large frames shows here. */
  rssPeakBytes: number | null;
  votes: number;
  votesAcked: number;
  votesRejected: Record<string, number>;
  votesUnanswered: number;
  /** From the first vote sent to its first ack, and to the last ack. */
  firstAckMs: number | null;
  votesAckedInMs: number | null;
  ackedPerSecond: number | null;
  voteCpuMs: number | null;
  framesDelivered: number;
  bytesDelivered: number;
  cpuPerFrameUs: number | null;
  cpuPerFrameRatio?: number | null;
  finalTallyP50Ms: number | null;
  finalTallyP99Ms: number | null;
  finalTallyMaxMs: number | null;
  finalTallyNotSeen: number;
  droppedAfterJoin: Record<string, number>;
  pingIdleP50Ms: number | null;
  pingVoteP50Ms: number | null;
  pingVoteP99Ms: number | null;
  pingVoteMaxMs: number | null;
  pingSamples: number;
  /** Answers to the probe's pings during the burst (not counted as delivered frames). */
  probePongs: number;
  metricsExposed: boolean;
  /** The server's own event-loop delay p99 (GET /metrics, reset by every scrape): while joining, idle, during the vote. */
  loopDelayP99JoinMs: number | null;
  loopDelayP99IdleMs: number | null;
  loopDelayP99MetricsMs: number | null;
  /** The longest single delay in the vote burst (/metrics): a stall counts once in the p99 above, whatever its length. */
  loopDelayMaxMetricsMs: number | null;
  loopDelayMetric: string | null;
  /** Broadcasts during the vote and their latency (hearing of a commit → frames handed to the sockets), from /metrics. */
  broadcastsInVote: number | null;
  broadcastLatencyMeanMs: number | null;
  broadcastLatencyP99AtMostMs: number | null;
  serialisationsPerBroadcast: number | null;
}

/** A number rounded to µs precision, or null when it is not finite. */
export const finite = (x: number): number | null => (Number.isFinite(x) ? Number(x.toFixed(3)) : null);

const add = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
};

function emptyResult(system: System, participants: number): Result {
  return {
    system,
    participants,
    complete: false,
    joined: 0,
    joinFailures: {},
    joinAllMs: null,
    joinsPerSecond: null,
    joinQuartilesMs: [null, null, null, null],
    joinFrames: 0,
    rssBeforeBytes: null,
    rssAfterBytes: null,
    bytesPerParticipant: null,
    rssPeakBytes: null,
    votes: 0,
    votesAcked: 0,
    votesRejected: {},
    votesUnanswered: 0,
    firstAckMs: null,
    votesAckedInMs: null,
    ackedPerSecond: null,
    voteCpuMs: null,
    framesDelivered: 0,
    bytesDelivered: 0,
    cpuPerFrameUs: null,
    finalTallyP50Ms: null,
    finalTallyP99Ms: null,
    finalTallyMaxMs: null,
    finalTallyNotSeen: 0,
    droppedAfterJoin: {},
    pingIdleP50Ms: null,
    pingVoteP50Ms: null,
    pingVoteP99Ms: null,
    pingVoteMaxMs: null,
    pingSamples: 0,
    probePongs: 0,
    metricsExposed: false,
    loopDelayP99JoinMs: null,
    loopDelayP99IdleMs: null,
    loopDelayP99MetricsMs: null,
    loopDelayMaxMetricsMs: null,
    broadcastsInVote: null,
    broadcastLatencyMeanMs: null,
    broadcastLatencyP99AtMostMs: null,
    loopDelayMetric: null,
    serialisationsPerBroadcast: null,
  };
}

interface Started {
  readonly server: ServerProcess;
  readonly base: string;
  readonly meetingId: string;
  readonly joinCode: string;
  readonly facilitator: LiveConn | null;
}

/** Starts the system on a free loopback port and prepares the meeting (for the baseline: nothing to prepare). */
async function start(system: System, dataDir: string | null, options: RunOptions): Promise<Started> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  if (system === 'ws' || dataDir === null) {
    const server = ServerProcess.start(['bench/live-baseline.ts', String(port), String(options.baselineIntervalMs)], process.env, GC_HOOK);
    await server.ready(base).catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });
    return { server, base, meetingId: 'bench-baseline', joinCode: 'BENCHBEN', facilitator: null };
  }
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    PORT: String(port),
    HOST: '127.0.0.1',
    GOEDWERK_DEMO: 'false',
    GOEDWERK_DATA_DIR: dataDir,
    GOEDWERK_WEB_ROOT: join(tmpdir(), 'goedwerk-no-web-root'),
    GOEDWERK_SECRET: BENCH_SECRET,
    LOG_LEVEL: 'warn',
  };
  const password = createAdmin(env);
  const profile = options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', options.profileDir] : [];
  const server = ServerProcess.start(['packages/cli/src/main.ts', 'start'], env, [...GC_HOOK, ...profile]);
  try {
    await server.ready(base);
    const { meetingId, token } = await prepareMeeting(base, password);
    const { facilitator, joinCode } = await openForVoting(base, meetingId, token);
    return { server, base, meetingId, joinCode, facilitator };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * The RSS of the server after a full garbage collection (SIGUSR2 to bench/live-gc.mjs, preloaded
 * with --expose-gc), the smallest of three, so that garbage waiting to be collected does not count.
 */
async function settledRss(server: ServerProcess): Promise<number> {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    if (GC_HOOK.length > 0) server.child.kill('SIGUSR2');
    await sleep(700);
    least = Math.min(least, processRssBytes(server.pid));
  }
  return least;
}

/** Phase 2: every participant joins, a bounded number in flight. */
async function joinAll(result: Result, s: Started, workers: Worker[], options: RunOptions): Promise<void> {
  const n = result.participants;
  const joinStart = now();
  workers.forEach((w, i) =>
    w.send({
      op: 'join',
      base: s.base,
      meetingId: s.meetingId,
      joinCode: s.joinCode,
      count: Math.floor(n / workers.length) + (i < n % workers.length ? 1 : 0),
      prefix: `p${n}-${i}-${randomBytes(2).toString('hex')}`,
      concurrency: Math.max(1, Math.round(options.joinConcurrency / workers.length)),
      deadline: joinStart + options.joinTimeoutMs,
    }),
  );
  const ticker = setInterval(() => {
    const joined = workers.reduce((sum, w) => sum + w.progress.joined, 0);
    const failed = workers.reduce((sum, w) => sum + w.progress.failed, 0);
    log(`${result.system} ${n}: ${joined} joined, ${failed} failed after ${((now() - joinStart) / 1000).toFixed(0)} s`);
  }, 10_000);
  const reports = await Promise.all(workers.map((w) => w.next('joined', options.joinTimeoutMs + 30_000))).finally(() => clearInterval(ticker));
  const joinedAt = reports.flatMap((r) => r.joinedAt).sort((a, b) => a - b);
  for (const r of reports) add(result.joinFailures, r.failures);
  result.joined = joinedAt.length;
  result.joinFrames = reports.reduce((sum, r) => sum + r.frames, 0);
  const lastJoin = joinedAt.at(-1) ?? joinStart;
  if (joinedAt.length > 0) result.joinsPerSecond = finite(joinedAt.length / ((lastJoin - joinStart) / 1000));
  if (joinedAt.length === n) result.joinAllMs = finite(lastJoin - joinStart);
  result.joinQuartilesMs = [0.25, 0.5, 0.75, 1].map((q) => {
    const at = joinedAt[Math.ceil(q * n) - 1];
    return at === undefined ? null : finite(at - joinStart);
  });
  log(`${result.system} ${n}: ${result.joined}/${n} joined in ${((lastJoin - joinStart) / 1000).toFixed(1)} s`);
  // Let the broadcasts of the last joins drain before the vote.
  await sleep(2000);
}

/**
 * Memory per participant: the RSS with everyone connected (after the vote, so that the full GC
 * before the reading does not change how the burst runs) less the RSS before anyone joined.
 */
async function memory(result: Result, s: Started): Promise<void> {
  result.rssAfterBytes = await settledRss(s.server);
  if (result.joined > 0 && result.rssBeforeBytes !== null) result.bytesPerParticipant = finite((result.rssAfterBytes - result.rssBeforeBytes) / result.joined);
}

/** Phase 3: every participant votes at once; CPU, frames, the final tally everywhere, the loop delay. */
async function voteBurst(result: Result, s: Started, workers: Worker[], options: RunOptions): Promise<void> {
  const probe = await Probe.open(s.base);
  try {
    // Each scrape resets the server's event-loop histogram: the first covers the joins, the second one idle second.
    const metricsJoin = result.system === 'goedwerk' ? await readMetrics(s.base) : null;
    await sleep(1000);
    const metricsBefore = result.system === 'goedwerk' ? await readMetrics(s.base) : null;
    const idleEnd = now();
    const facilitator0 = { frames: s.facilitator?.frames ?? 0, bytes: s.facilitator?.bytes ?? 0 };
    const probe0 = probe.frames;
    const cpu0 = processCpuNs(s.server.pid);
    const t0 = now();
    for (const w of workers) w.send({ op: 'vote', stepId: STEP, options: OPTIONS, windowMs: options.voteWindowMs, deadline: t0 + options.voteTimeoutMs });
    const voted = await Promise.all(workers.map((w) => w.next('voted', options.voteTimeoutMs + 30_000)));
    const firstSent = Math.min(...voted.map((v) => v.firstSentAt ?? Number.POSITIVE_INFINITY));
    const lastSent = Math.max(...voted.map((v) => v.lastSentAt ?? 0));
    const lastAck = Math.max(...voted.map((v) => v.lastAckAt ?? 0));
    const finalSeq = Math.max(...voted.map((v) => v.maxAckSeq));
    result.votes = result.joined;
    result.votesAcked = voted.reduce((sum, v) => sum + v.acked, 0);
    result.votesUnanswered = voted.reduce((sum, v) => sum + v.unanswered, 0);
    for (const v of voted) add(result.votesRejected, v.rejected);
    if (result.votesAcked > 0) {
      result.firstAckMs = finite(Math.min(...voted.map((v) => v.firstAckAt ?? Number.POSITIVE_INFINITY)) - firstSent);
      result.votesAckedInMs = finite(lastAck - firstSent);
      result.ackedPerSecond = finite(result.votesAcked / ((lastAck - firstSent) / 1000));
    }
    log(`${result.system} ${result.participants}: ${result.votesAcked}/${result.votes} votes acknowledged in ${((lastAck - firstSent) / 1000).toFixed(2)} s; waiting for seq ${finalSeq} everywhere`);
    for (const w of workers) w.send({ op: 'final', seq: finalSeq, lastVoteSentAt: lastSent, deadline: now() + 30_000 });
    const finals = await Promise.all(workers.map((w) => w.next('final', 60_000)));
    const t1 = now();
    const cpu1 = processCpuNs(s.server.pid);
    result.rssPeakBytes = processRssBytes(s.server.pid, 'VmHWM');
    const metricsAfter = result.system === 'goedwerk' ? await readMetrics(s.base) : null;

    const latencies = finals.flatMap((f) => f.latencies).map((l) => l ?? Number.POSITIVE_INFINITY);
    result.finalTallyNotSeen = latencies.filter((l) => l === Number.POSITIVE_INFINITY).length;
    result.finalTallyP50Ms = finite(percentile(latencies, 50));
    result.finalTallyP99Ms = finite(percentile(latencies, 99));
    result.finalTallyMaxMs = finite(Math.max(...latencies));
    for (const f of finals) add(result.droppedAfterJoin, f.dropped);
    const facilitatorFrames = (s.facilitator?.frames ?? 0) - facilitator0.frames;
    // The meeting's frames: the probe's pongs are measurement, not meeting traffic.
    result.framesDelivered = finals.reduce((sum, f) => sum + f.frames, 0) + facilitatorFrames;
    result.bytesDelivered = finals.reduce((sum, f) => sum + f.bytes, 0) + (s.facilitator?.bytes ?? 0) - facilitator0.bytes;
    result.probePongs = probe.frames - probe0;
    result.voteCpuMs = finite((cpu1 - cpu0) / 1e6);
    if (result.framesDelivered > 0) result.cpuPerFrameUs = finite((cpu1 - cpu0) / 1e3 / result.framesDelivered);
    await probe.settle(t1, 10_000);
    const burst = probe.rtts(t0, t1);
    result.pingIdleP50Ms = finite(percentile(probe.rtts(0, idleEnd), 50));
    result.pingVoteP50Ms = finite(percentile(burst, 50));
    result.pingVoteP99Ms = finite(percentile(burst, 99));
    result.pingVoteMaxMs = finite(Math.max(...burst));
    result.pingSamples = burst.length;
    if (metricsAfter) readServerMetrics(result, metricsJoin, metricsBefore, metricsAfter);
  } finally {
    probe.close();
  }
}

/** The event-loop delay and serialisations per broadcast, when GET /metrics exposes them. */
function readServerMetrics(result: Result, join: MetricSample[] | null, before: MetricSample[] | null, after: MetricSample[]): void {
  result.metricsExposed = true;
  const loop = loopDelayP99Ms(after);
  result.loopDelayP99MetricsMs = loop ? finite(loop.value) : null;
  result.loopDelayMetric = loop?.metric ?? null;
  const max = loopDelayMaxMs(after);
  result.loopDelayMaxMetricsMs = max === null ? null : finite(max);
  const atJoin = join ? loopDelayP99Ms(join) : null;
  const atIdle = before ? loopDelayP99Ms(before) : null;
  result.loopDelayP99JoinMs = atJoin ? finite(atJoin.value) : null;
  result.loopDelayP99IdleMs = atIdle ? finite(atIdle.value) : null;
  const latency = histogramDelta(before, after, 'goedwerk_broadcast_latency_seconds');
  if (latency) {
    result.broadcastsInVote = latency.count;
    result.broadcastLatencyMeanMs = finite(latency.mean * 1000);
    result.broadcastLatencyP99AtMostMs = finite(latency.p99UpperBound * 1000);
  }
  const serialisations = (m: MetricSample[] | null) => (m ? counter(m, /seriali[sz]ation/i) : null) ?? Number.NaN;
  const broadcasts = (m: MetricSample[] | null) => (m ? counter(m, /^(?!.*seriali[sz]).*broadcast/i) : null) ?? Number.NaN;
  const perBroadcast = (serialisations(after) - serialisations(before)) / (broadcasts(after) - broadcasts(before));
  result.serialisationsPerBroadcast = finite(perBroadcast);
}

/** One system at one size, every phase bounded; a failure ends the run and is reported in `error`. */
export async function runSystem(system: System, n: number, options: RunOptions): Promise<Result> {
  const result = emptyResult(system, n);
  const dataDir = system === 'goedwerk' ? await mkdtemp(join(tmpdir(), 'goedwerk-bench-live-')) : null;
  const workers: Worker[] = [];
  let started: Started | null = null;
  try {
    started = await start(system, dataDir, options);
    for (let i = 0; i < options.workers; i++) workers.push(Worker.start());
    await Promise.all(workers.map((w) => w.next('ready', 30_000)));
    result.rssBeforeBytes = await settledRss(started.server);
    await joinAll(result, started, workers, options);
    if (result.joined > 0) await voteBurst(result, started, workers, options);
    await memory(result, started);
    result.complete =
      result.joined === n && result.votesAcked === n && result.finalTallyNotSeen === 0 && Object.keys(result.droppedAfterJoin).length === 0;
  } catch (error) {
    result.error = (error as Error).message.split('\n')[0] ?? String(error);
    log(`${system} ${n}: stopped: ${(error as Error).message}`);
  } finally {
    started?.facilitator?.close();
    await Promise.all(workers.map((w) => w.stop()));
    await started?.server.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
  return result;
}
