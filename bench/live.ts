/**
 * Benchmark: one live meeting with many participants (`npm run bench:live`; quality.md,
 * Performance). For each size it runs, in ONE run and with the same client harness, a plain `ws`
 * broadcast server (bench/live-baseline.ts, the floor any Node server pays) and the real server
 * (`goedwerk start`: embedded database in a temporary folder, no demo, loopback, a fixed
 * GOEDWERK_SECRET), each in its own process, with the simulated participants in other processes
 * (bench/live-client.ts), pinned to separate cores with `taskset` where possible.
 *
 * Per size and system (bench/live-run.ts): every participant fetches a ticket, connects, says
 * hello with the join code and joins (time for all to join); the server's RSS before and after
 * (memory per participant); then every participant casts one choice vote at once on a revealed
 * step: the server's CPU per delivered frame (from /proc, and as a ratio to the baseline), the
 * time from the last vote sent to the final tally seen at every client, the ping→pong time from
 * outside during the burst (and GET /metrics when the server has it), acknowledged votes per
 * second. Prints a Markdown table, JSON lines (one per size and system) and FIGURE lines. Every
 * phase is bounded in time; everything talks to 127.0.0.1 only. Not a test: it never fails on a
 * slow machine.
 *
 *   npm run bench:live -- [--sizes 200,1000,5000] [--join-concurrency 100] [--vote-window-ms 0]
 *     [--baseline-interval-ms 100] [--workers N] [--join-timeout-s S] [--vote-timeout-s S] [--systems ws,goedwerk]
 *     [--profile-server DIR]   (a V8 CPU profile of the real server, for finding its bottlenecks)
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CLIENT_CORES, CORES, log, pinningNote } from './live-processes.ts';
import { finite, type Result, type RunOptions, runSystem, type System } from './live-run.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '200,1000,5000' },
    'join-concurrency': { type: 'string', default: '100' },
    'vote-window-ms': { type: 'string', default: '0' },
    'baseline-interval-ms': { type: 'string', default: '100' },
    workers: { type: 'string' },
    'join-timeout-s': { type: 'string' },
    'vote-timeout-s': { type: 'string' },
    systems: { type: 'string', default: 'ws,goedwerk' },
    'profile-server': { type: 'string' },
  },
});
const SIZES = (args.sizes ?? '').split(',').map((s) => Number.parseInt(s, 10)).filter((n) => n > 0);
const SYSTEMS = (args.systems ?? '').split(',').filter((s): s is System => s === 'ws' || s === 'goedwerk');
const WORKERS = Math.max(1, Number(args.workers ?? 0) || CLIENT_CORES.length);
/** Bounds that grow with the size: 60 ms a join and 80 ms a vote, at least a minute each. */
const optionsFor = (n: number): RunOptions => ({
  workers: WORKERS,
  joinConcurrency: Number(args['join-concurrency']),
  joinTimeoutMs: args['join-timeout-s'] ? Number(args['join-timeout-s']) * 1000 : Math.max(60_000, n * 60),
  voteWindowMs: Number(args['vote-window-ms']),
  voteTimeoutMs: args['vote-timeout-s'] ? Number(args['vote-timeout-s']) * 1000 : Math.max(60_000, n * 80),
  baselineIntervalMs: Number(args['baseline-interval-ms']),
  profileDir: args['profile-server'] ?? null,
});

const cpuModel = (() => {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
})();
const loadAverage = () => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
};
/** The load average at the start: other work on the machine skews every figure but the ratios less. */
const machine = { cores: CORES.length, cpu: cpuModel, node: process.version, pinning: pinningNote(WORKERS), loadAverageAtStart: loadAverage() };

const fmt = (x: number | null | undefined, digits = 0) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits));
const kb = (x: number | null) => (x === null ? '–' : `${(x / 1024).toFixed(1)} KB`);
const counts = (c: Record<string, number>) => Object.entries(c).map(([k, v]) => `${v}× ${k}`).join(', ');

function row(r: Result): string[] {
  const ws = r.system === 'ws';
  return [
    String(r.participants),
    ws ? 'plain ws' : 'goedwerk',
    `${r.joined}${r.joined < r.participants ? ` (${counts(r.joinFailures) || 'stopped'})` : ''}`,
    fmt(r.joinAllMs),
    fmt(r.joinsPerSecond),
    `${kb(r.bytesPerParticipant)}${r.rssPeakBytes !== null ? ` (peak ${(r.rssPeakBytes / 2 ** 20).toFixed(0)} MB)` : ''}`,
    fmt(r.voteCpuMs),
    `${r.framesDelivered} (${r.framesDelivered > 0 ? Math.round(r.bytesDelivered / r.framesDelivered) : '–'})`,
    fmt(r.cpuPerFrameUs, 1),
    ws ? '1' : fmt(r.cpuPerFrameRatio, 1),
    `${fmt(r.finalTallyP50Ms)} / ${fmt(r.finalTallyP99Ms)}${r.finalTallyNotSeen ? ` (${r.finalTallyNotSeen} never)` : ''}`,
    `${fmt(r.pingVoteP99Ms, 1)} (${fmt(r.pingIdleP50Ms, 1)})`,
    ws ? '–' : r.metricsExposed ? `${fmt(r.loopDelayP99MetricsMs, 1)}, max ${fmt(r.loopDelayMaxMetricsMs)} (${fmt(r.loopDelayP99JoinMs, 1)}, ${fmt(r.loopDelayP99IdleMs, 1)})` : 'no /metrics',
    ws ? '1' : r.serialisationsPerBroadcast !== null ? fmt(r.serialisationsPerBroadcast, 2) : 'not exposed',
    `${fmt(r.ackedPerSecond)}${r.error ? ` — stopped: ${r.error}` : ''}`,
  ];
}

function table(results: readonly Result[]): string {
  const head = [
    'n',
    'system',
    'joined',
    'all joined (ms)',
    'joins/s',
    'RSS / participant (server peak)',
    'vote CPU (ms)',
    'frames (avg bytes)',
    'CPU / frame (µs)',
    'ratio to ws',
    'last vote → final tally p50 / p99 (ms)',
    'ping→pong p99 in burst, steady pings (idle p50), ms',
    'server loop delay p99, max in burst (p99 joining, idle), /metrics, ms',
    'serialisations / broadcast',
    'acked votes/s',
  ];
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...results.map((r) => line(row(r)))].join('\n');
}

function figures(results: readonly Result[]): void {
  const ours = results.filter((r) => r.system === 'goedwerk');
  const complete = ours.filter((r) => r.complete).map((r) => r.participants);
  console.log(`FIGURE live_participants=${complete.length > 0 ? Math.max(...complete) : 0}`);
  for (const r of ours) {
    if (r.participants === 1000) {
      // Only a complete join has a time; otherwise the failures say what happened.
      if (r.joinAllMs !== null) console.log(`FIGURE live_join_1000_ms=${r.joinAllMs.toFixed(0)}`);
      else log(`live_join_1000_ms: not all 1000 joined (${r.joined} did)`);
      console.log(`FIGURE live_join_1000_failures=${r.participants - r.joined}`);
    }
    if (r.finalTallyP99Ms !== null) console.log(`FIGURE live_final_tally_p99_ms_${r.participants}=${r.finalTallyP99Ms.toFixed(0)}`);
    if (r.cpuPerFrameRatio != null) console.log(`FIGURE live_cpu_per_frame_ratio_${r.participants}=${r.cpuPerFrameRatio.toFixed(2)}`);
    if (r.bytesPerParticipant !== null) console.log(`FIGURE live_bytes_per_participant_${r.participants}=${r.bytesPerParticipant.toFixed(0)}`);
    if (r.ackedPerSecond !== null) console.log(`FIGURE acked_per_second_embedded_${r.participants}=${r.ackedPerSecond.toFixed(0)}`);
  }
  const largest = [...ours].reverse().find((r) => r.joined > 0 && r.votesAcked > 0);
  if (!largest) return;
  log(`the unsuffixed figures below are from the largest size that voted: ${largest.participants} (${largest.joined} joined)`);
  if (largest.cpuPerFrameRatio != null) console.log(`FIGURE live_cpu_per_frame_ratio=${largest.cpuPerFrameRatio.toFixed(2)}`);
  if (largest.bytesPerParticipant !== null) console.log(`FIGURE live_bytes_per_participant=${largest.bytesPerParticipant.toFixed(0)}`);
  // The server's own p99 counts a stall once, however long; pings at a steady rate weigh it by its length.
  // The figure is the larger of the two, so that a loop starved for minutes cannot pass.
  const loop = [largest.loopDelayP99MetricsMs, largest.pingVoteP99Ms].filter((x): x is number => x !== null);
  if (loop.length > 0) {
    log(
      `live_loop_delay_p99_ms is the larger of the server's own p99 (/metrics ${largest.loopDelayMetric ?? 'absent'}: ${fmt(largest.loopDelayP99MetricsMs, 1)}, ` +
        `max ${fmt(largest.loopDelayMaxMetricsMs)}) and the ping→pong p99 from outside (${fmt(largest.pingVoteP99Ms, 1)})`,
    );
    console.log(`FIGURE live_loop_delay_p99_ms=${Math.max(...loop).toFixed(1)}`);
  }
  if (largest.loopDelayP99MetricsMs !== null) console.log(`FIGURE live_loop_delay_p99_metrics_ms=${largest.loopDelayP99MetricsMs.toFixed(1)}`);
  if (largest.loopDelayMaxMetricsMs !== null) console.log(`FIGURE live_loop_delay_max_ms=${largest.loopDelayMaxMetricsMs.toFixed(0)}`);
  if (largest.pingVoteP99Ms !== null) console.log(`FIGURE live_ping_p99_ms=${largest.pingVoteP99Ms.toFixed(1)}`);
  if (largest.serialisationsPerBroadcast !== null) console.log(`FIGURE live_serialisations_per_broadcast=${largest.serialisationsPerBroadcast.toFixed(2)}`);
  if (largest.ackedPerSecond !== null) console.log(`FIGURE acked_per_second_embedded=${largest.ackedPerSecond.toFixed(0)}`);
}

const sample = optionsFor(SIZES[0] ?? 0);
log(`live benchmark: sizes ${SIZES.join(', ')}; ${CORES.length} usable core(s), ${cpuModel}, Node ${process.version}; ${machine.pinning}`);
log(
  `${sample.joinConcurrency} joins in flight; votes sent ${sample.voteWindowMs > 0 ? `over ${sample.voteWindowMs} ms` : 'all at once'}; ` +
    `the baseline broadcasts ${sample.baselineIntervalMs > 0 ? `at most every ${sample.baselineIntervalMs} ms (like the server, PR-13)` : 'after every command'}`,
);
const results: Result[] = [];
for (const n of SIZES) {
  let baseline: Result | undefined;
  for (const system of SYSTEMS) {
    log(`${system} with ${n} participants…`);
    const result = await runSystem(system, n, optionsFor(n));
    if (system === 'ws') baseline = result;
    else if (baseline?.cpuPerFrameUs && result.cpuPerFrameUs !== null) result.cpuPerFrameRatio = finite(result.cpuPerFrameUs / baseline.cpuPerFrameUs);
    results.push(result);
    console.log(JSON.stringify({ bench: 'live', ...result, machine }));
  }
}
console.log(`\nOne live meeting: ${CORES.length} cores (${cpuModel}), Node ${process.version}; ${machine.pinning}\n`);
console.log(table(results));
console.log('');
figures(results);
process.exit(0);
