/**
 * The processes of the live benchmark (bench/live.ts): which cores they run on, the server under
 * test (the real one or the plain `ws` baseline) and the client workers (bench/live-client.ts),
 * and that none of them outlives the benchmark. Not a test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { hasTaskset, usableCores, type WorkerCommand, type WorkerReport } from './live-shared.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Cores: the server gets the last usable one, client workers the others (when `taskset` can pin). */
export const CORES = usableCores();
const TASKSET = CORES.length >= 2 && hasTaskset();
export const SERVER_CORES: readonly number[] = TASKSET ? [CORES[CORES.length - 1] as number] : [];
export const CLIENT_CORES: readonly number[] = TASKSET ? CORES.slice(0, -1) : [];

/** How the processes were placed, for the report. */
export function pinningNote(workers: number): string {
  return TASKSET
    ? `server on core ${SERVER_CORES.join(',')}, ${workers} client process(es) on core(s) ${CLIENT_CORES.join(',')} (taskset); coordinator and ping probe unpinned`
    : `not pinned (${CORES.length < 2 ? `only ${CORES.length} core` : 'taskset not available'})`;
}

/** The command and arguments that run `command` on `cores` (unchanged when pinning is off). */
export function pinned(cores: readonly number[], command: string, commandArgs: readonly string[]): [string, string[]] {
  return cores.length > 0 ? ['taskset', ['-c', cores.join(','), command, ...commandArgs]] : [command, [...commandArgs]];
}

/** Every child still running; killed when the benchmark exits, however it exits. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

function track(child: ChildProcess, onExit: () => void = () => undefined): Promise<void> {
  children.add(child);
  return new Promise((resolve) =>
    child.once('exit', () => {
      children.delete(child);
      onExit();
      resolve();
    }),
  );
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const log = (line: string) => console.error(`# ${line}`);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Polls `check` until it holds; throws `what` after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, what: () => string, ms: number, step = 100): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms: ${what()}`);
    await sleep(step);
  }
}

/** A server process (the real one or the baseline); its output is kept for diagnostics. */
export class ServerProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<void>;

  constructor(readonly child: ChildProcess) {
    this.exited = track(child);
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        this.lines.push(line);
        if (this.lines.length > 200) this.lines.splice(0, 100);
      });
    }
  }

  /** Starts `args` with node (and tsx) on the server's core. */
  static start(args: readonly string[], env: NodeJS.ProcessEnv = process.env, nodeArgs: readonly string[] = []): ServerProcess {
    const [command, commandArgs] = pinned(SERVER_CORES, process.execPath, [...nodeArgs, '--import', 'tsx', ...args]);
    return new ServerProcess(spawn(command, commandArgs, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get gone(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  async ready(base: string): Promise<void> {
    const healthy = async () => {
      if (this.gone) throw new Error(`server exited at start:\n${this.lines.slice(-20).join('\n')}`);
      try {
        return (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) })).status === 200;
      } catch {
        return false;
      }
    };
    await until(healthy, () => `server did not answer /healthz; last output:\n${this.lines.slice(-10).join('\n')}`, 120_000, 200);
  }

  async stop(): Promise<void> {
    if (this.gone) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** A client worker process (bench/live-client.ts), driven over IPC. */
export class Worker {
  private readonly inbox: WorkerReport[] = [];
  private wake: (() => void) | null = null;
  progress = { joined: 0, failed: 0 };
  readonly exited: Promise<void>;

  constructor(readonly child: ChildProcess) {
    this.exited = track(child, () => this.wake?.());
    child.on('message', (report: WorkerReport) => {
      if (report.op === 'progress') this.progress = { joined: report.joined, failed: report.failed };
      else this.inbox.push(report);
      this.wake?.();
    });
  }

  static start(): Worker {
    const [command, commandArgs] = pinned(CLIENT_CORES, process.execPath, ['--import', 'tsx', 'bench/live-client.ts']);
    return new Worker(spawn(command, commandArgs, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }

  send(command: WorkerCommand): void {
    this.child.send(command);
  }

  /** The next report of this kind; throws after `ms` or when the worker has exited. */
  async next<K extends WorkerReport['op']>(op: K, ms: number): Promise<Extract<WorkerReport, { op: K }>> {
    const end = Date.now() + ms;
    for (;;) {
      const at = this.inbox.findIndex((r) => r.op === op);
      if (at >= 0) return this.inbox.splice(at, 1)[0] as Extract<WorkerReport, { op: K }>;
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`client worker exited waiting for ${op}`);
      const left = end - Date.now();
      if (left <= 0) throw new Error(`client worker: no ${op} within ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.send({ op: 'close' } satisfies WorkerCommand);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}
