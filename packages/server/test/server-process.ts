/**
 * One real `goedwerk start` process for the whole-process tests (RL-*): its pino JSON lines are
 * read for readiness and the demo links, and it can be killed with SIGKILL or stopped. The same
 * as kill9.test.ts's, shared here for the multi-node test. Not a test file.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { until } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export class ServerProcess {
  readonly lines: string[] = [];
  private readonly exited: Promise<void>;

  private constructor(readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        this.lines.push(line);
        if (this.lines.length > 400) this.lines.splice(0, 200);
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
  async stop(): Promise<void> {
    if (this.gone) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}
