/**
 * Shared pieces of the live benchmark (`npm run bench:live`, bench/live.ts): the messages between
 * the coordinator and its client workers, process figures read from /proc, percentiles and a
 * reader for Prometheus text. Not a test and not a benchmark of its own.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

/** Wall-clock milliseconds with sub-millisecond precision, comparable between processes on one machine. */
export const now = (): number => performance.timeOrigin + performance.now();

/** What the coordinator asks of a client worker. */
export type WorkerCommand =
  | {
      readonly op: 'join';
      /** http://127.0.0.1:port of the system under test. */
      readonly base: string;
      readonly meetingId: string;
      readonly joinCode: string;
      readonly count: number;
      /** Participant ids start with this; unique per worker and size. */
      readonly prefix: string;
      /** Joins in flight at once in this worker. */
      readonly concurrency: number;
      /** Absolute time (ms, `now()`) after which a join still under way counts as failed. */
      readonly deadline: number;
    }
  | { readonly op: 'vote'; readonly stepId: string; readonly options: readonly string[]; readonly windowMs: number; readonly deadline: number }
  | { readonly op: 'final'; readonly seq: number; readonly lastVoteSentAt: number; readonly deadline: number }
  | { readonly op: 'close' };

/** What a client worker answers. */
export type WorkerReport =
  | { readonly op: 'ready' }
  | { readonly op: 'progress'; readonly joined: number; readonly failed: number }
  | {
      readonly op: 'joined';
      /** When each participant's JoinMeeting was acknowledged (`now()` ms). */
      readonly joinedAt: number[];
      readonly failures: Record<string, number>;
      /** Frames and bytes received while joining (broadcasts of other joins included). */
      readonly frames: number;
      readonly bytes: number;
    }
  | {
      readonly op: 'voted';
      readonly firstSentAt: number;
      readonly lastSentAt: number;
      readonly firstAckAt: number;
      readonly lastAckAt: number;
      readonly acked: number;
      readonly rejected: Record<string, number>;
      readonly unanswered: number;
      readonly maxAckSeq: number;
    }
  | {
      readonly op: 'final';
      /** Per participant that voted: ms from the last vote sent (anywhere) to the final tally here; null if never seen. */
      readonly latencies: (number | null)[];
      /** Frames and bytes received since the vote began (acks, tallies, everything). */
      readonly frames: number;
      readonly bytes: number;
      /** Sockets closed by the other side after joining, by close code. */
      readonly dropped: Record<string, number>;
    };

/** Nearest-rank percentile of `values` (p in 0..100); NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

const CLOCK_TICK_NS = 1e9 / 100;

/**
 * CPU time (user + system) used so far by every thread of process `pid`, in nanoseconds: the sum of
 * /proc/<pid>/task/<tid>/schedstat (ns precision); /proc/<pid>/stat (10 ms ticks) when that is missing.
 */
export function processCpuNs(pid: number): number {
  try {
    let total = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const fields = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').trim().split(/\s+/);
      total += Number(fields[0] ?? 0);
    }
    if (total > 0) return total;
  } catch {
    // fall through to the tick counters
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: state is field 3, utime field 14 and stime field 15 (1-based).
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_NS;
}

/** Resident set size of process `pid` in bytes (VmRSS of /proc/<pid>/status), or its peak so far (VmHWM). */
export function processRssBytes(pid: number, which: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`^${which}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1];
  return kb === undefined ? Number.NaN : Number(kb) * 1024;
}

/** The cores this process may run on (its affinity), or the machine's count when that cannot be read. */
export function usableCores(): number[] {
  try {
    const list = /^Cpus_allowed_list:\s+(\S+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (list) {
      const cores = list.split(',').flatMap((part) => {
        const [from, to] = part.split('-').map(Number);
        if (from === undefined || Number.isNaN(from)) return [];
        const last = to === undefined || Number.isNaN(to) ? from : to;
        return Array.from({ length: last - from + 1 }, (_, i) => from + i);
      });
      if (cores.length > 0) return cores;
    }
  } catch {
    // not Linux
  }
  return cpus().map((_, i) => i);
}

/** Whether `taskset` (util-linux) can be run. */
export function hasTaskset(): boolean {
  const probe = spawnSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
  return probe.status === 0;
}

/** One sample of Prometheus text exposition: name{labels} → value. */
export type MetricSample = { readonly name: string; readonly labels: string; readonly value: number };

/** Reads Prometheus text (as GET /metrics serves it); comment lines are skipped. */
export function parsePrometheus(text: string): MetricSample[] {
  const out: MetricSample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const m = /^([A-Za-z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m?.[1] || m[3] === undefined) continue;
    const value = Number(m[3]);
    if (!Number.isNaN(value)) out.push({ name: m[1], labels: m[2] ?? '', value });
  }
  return out;
}

/**
 * The event-loop delay p99 in milliseconds from /metrics samples, if the server exposes one:
 * a metric named like event_loop…lag/delay, the p99 (by name or quantile label), in seconds when
 * its name ends in _seconds.
 */
export function loopDelayP99Ms(samples: readonly MetricSample[]): { value: number; metric: string } | null {
  const loop = samples.filter((s) => /event_?loop.*(lag|delay)/i.test(s.name));
  const p99 =
    loop.find((s) => /p99/i.test(s.name)) ??
    loop.find((s) => /quantile="0\.99"/.test(s.labels)) ??
    loop.find((s) => /max/i.test(s.name));
  if (!p99) return null;
  const scale = /_seconds$/.test(p99.name) || /_s$/.test(p99.name) ? 1000 : /_(ns|nanoseconds)$/.test(p99.name) ? 1e-6 : 1;
  return { value: p99.value * scale, metric: `${p99.name}${p99.labels}` };
}

/** The event-loop delay max in milliseconds from /metrics samples (a metric named like event_loop…lag…max). */
export function loopDelayMaxMs(samples: readonly MetricSample[]): number | null {
  const max = samples.find((s) => /event_?loop.*(lag|delay).*max/i.test(s.name));
  if (!max) return null;
  return max.value * (/_seconds$/.test(max.name) ? 1000 : 1);
}

/** The sum of the counters whose name matches `pattern` (e.g. serialisations, broadcasts). */
export function counter(samples: readonly MetricSample[], pattern: RegExp): number | null {
  const hits = samples.filter((s) => pattern.test(s.name) && !/_(bucket|sum|count)$/.test(s.name));
  return hits.length === 0 ? null : hits.reduce((sum, s) => sum + s.value, 0);
}

/**
 * What a Prometheus histogram (`name`_bucket/_sum/_count) gathered between two scrapes: how many
 * observations, their mean, and the upper bound of the bucket that holds the p99.
 */
export function histogramDelta(before: readonly MetricSample[] | null, after: readonly MetricSample[], name: string): { count: number; mean: number; p99UpperBound: number } | null {
  const value = (samples: readonly MetricSample[] | null, metric: string, labels = '') =>
    samples?.filter((s) => s.name === metric && (labels === '' || s.labels.includes(labels))).reduce((sum, s) => sum + s.value, 0) ?? 0;
  if (!after.some((s) => s.name === `${name}_count`)) return null;
  const count = value(after, `${name}_count`) - value(before, `${name}_count`);
  const sum = value(after, `${name}_sum`) - value(before, `${name}_sum`);
  const bounds = after
    .filter((s) => s.name === `${name}_bucket`)
    .map((s) => /le="([^"]+)"/.exec(s.labels)?.[1])
    .filter((le): le is string => le !== undefined);
  let p99UpperBound = Number.POSITIVE_INFINITY;
  for (const le of [...new Set(bounds)].sort((a, b) => Number(a === '+Inf' ? Infinity : a) - Number(b === '+Inf' ? Infinity : b))) {
    const within = value(after, `${name}_bucket`, `le="${le}"`) - value(before, `${name}_bucket`, `le="${le}"`);
    if (count > 0 && within >= 0.99 * count) {
      p99UpperBound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
      break;
    }
  }
  return { count, mean: count > 0 ? sum / count : Number.NaN, p99UpperBound };
}
