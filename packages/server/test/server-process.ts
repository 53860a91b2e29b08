/**
 * One real `goedwerk start` process for the whole-process tests (RL-*): its pino JSON lines are
 * read for readiness and the demo links, and it can be killed with SIGKILL or stopped. The same
 * as kill9.test.ts's, shared here for the multi-node test. Not a test file.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { until } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * The environment of a test's server process: `base` (the test's own, often without DATABASE_URL
 * or REDIS_URL), listening on 127.0.0.1:`port`, JSON logs at info, no web client served (the API
 * and the live socket are enough), and a GOEDWERK_SECRET of its own unless `vars` bring one: pass
 * the same to every start of one deployment (restarts, nodes), so that a ticket one start issued is
 * good on the other. `vars` come last.
 */
export function serverEnv(base: NodeJS.ProcessEnv, port: number, vars: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...base,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    GOEDWERK_WEB_ROOT: join(tmpdir(), 'goedwerk-no-web-root'),
    GOEDWERK_SECRET: randomBytes(32).toString('base64url'),
    ...vars,
  };
}

export class ServerProcess {
  /** Standard output and standard error, the last few hundred lines. */
  readonly lines: string[] = [];
  /** Standard output only (the server's JSON log), the last few hundred lines. */
  readonly stdout: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        for (const kept of stream === child.stdout ? [this.lines, this.stdout] : [this.lines]) {
          kept.push(line);
          if (kept.length > 400) kept.splice(0, 200);
        }
      });
    }
  }

  /** `nodeArgs` go to node before the script (`--expose-gc`, a preloaded hook). */
  static spawn(env: NodeJS.ProcessEnv, nodeArgs: readonly string[] = []): ServerProcess {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'packages/cli/src/main.ts', 'start'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServerProcess(child);
  }

  static async start(env: NodeJS.ProcessEnv, timeoutMs = 60_000, nodeArgs: readonly string[] = []): Promise<ServerProcess> {
    const server = ServerProcess.spawn(env, nodeArgs);
    try {
      await server.ready(timeoutMs);
    } catch (error) {
      await server.kill9();
      throw error;
    }
    return server;
  }

  get gone(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Waits for the line the server logs once it listens. */
  async ready(timeoutMs = 60_000): Promise<void> {
    await until(
      () => this.gone || this.lines.some((l) => l.includes('Goed Werk Hub on')),
      () => `server did not start; last output:\n${this.lines.slice(-10).join('\n')}`,
      timeoutMs,
      25,
    );
    if (this.gone) assert.fail(`server exited at start:\n${this.lines.slice(-20).join('\n')}`);
  }

  /** The facilitator token of a demo meeting, from the line the first start logs. */
  facilitatorToken(meetingId: string): string {
    const line = this.lines.find((l) => l.includes(`demo meeting ${meetingId}`));
    const token = line?.match(/console \S+#token=([A-Za-z0-9_-]+)/)?.[1];
    assert.ok(token, 'the first start logs the demo meeting with its facilitator link');
    return token;
  }

  async kill9(): Promise<void> {
    if (this.gone) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A graceful stop (SIGTERM), killed after 15 s if it does not end. */
  async stop(ms = 15_000): Promise<void> {
    if (this.gone) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), ms);
    await this.exited;
    clearTimeout(timer);
  }
}
