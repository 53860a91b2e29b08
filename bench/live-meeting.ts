/**
 * The meeting side of the live benchmark (bench/live.ts): an admin made with `goedwerk
 * create-admin`, a meeting prepared through `POST /api/meetings`, the facilitator's live
 * connection, a ping probe, and GET /metrics. Not a test.
 */
import { PROTOCOL_VERSION } from '@goedwerk/core';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { type MetricSample, now, parsePrometheus } from './live-shared.ts';
import { ROOT } from './live-processes.ts';

/** A method with a plain choice step; the benchmark votes on that one step. */
export const METHOD = 'dilemma-plenair';
export const STEP = 'eerste-stemming';
export const OPTIONS = ['a', 'b', 'c', 'd'];
const ADMIN_EMAIL = 'bench@bench.invalid';
/** Fixed, so that tickets are signed the same way in every run (it is no secret of anything real). */
export const BENCH_SECRET = 'bench-live-not-a-real-secret-0123456789abcdef';

/** `goedwerk create-admin` on the data folder before the server opens it; returns the password. */
export function createAdmin(env: NodeJS.ProcessEnv): string {
  const made = spawnSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'create-admin', ADMIN_EMAIL, '--name', 'Benchmark'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const password = /password \(shown once\): (\S+)/.exec(made.stdout ?? '')?.[1];
  if (!password) throw new Error(`create-admin failed (${made.status}): ${made.stderr}`);
  return password;
}

/** Signs in as the admin and prepares a meeting of the dilemma method; the console token comes back once. */
export async function prepareMeeting(base: string, password: string): Promise<{ meetingId: string; token: string }> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password }),
  });
  const cookie = /^([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
  if (login.status !== 200 || !cookie) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const made = await fetch(`${base}/api/meetings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ methodId: METHOD, title: 'Live benchmark' }),
  });
  const body = (await made.json()) as { meetingId?: string; consolePath?: string };
  const token = /#token=([A-Za-z0-9_-]+)/.exec(body.consolePath ?? '')?.[1];
  if (made.status !== 201 || !body.meetingId || !token) throw new Error(`preparing the meeting failed: ${made.status} ${JSON.stringify(body)}`);
  return { meetingId: body.meetingId, token };
}

type Message = { type: string; commandId?: string; seq?: number; code?: string; message?: string; state?: { joinCode?: string | null } };

/** A coordinator-side live connection (the facilitator's console): every frame counted, parsed only while awaited. */
export class LiveConn {
  frames = 0;
  bytes = 0;
  private readonly listeners = new Set<(m: Message) => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.frames++;
      this.bytes += data.length;
      if (this.listeners.size === 0) return;
      const message = JSON.parse(data.toString('utf8')) as Message;
      for (const listener of [...this.listeners]) listener(message);
    });
  }

  static async open(base: string): Promise<LiveConn> {
    const res = await fetch(`${base}/api/live/ticket`, { method: 'POST' });
    const { ticket } = (await res.json()) as { ticket: string };
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/ws?ticket=${ticket}`, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new LiveConn(ws);
  }

  wait(test: (m: Message) => boolean, what: string, ms = 30_000): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no ${what} within ${ms} ms`));
      }, ms);
      const listener = (m: Message) => {
        if (!test(m)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(m);
      };
      this.listeners.add(listener);
    });
  }

  async hello(meetingId: string, token: string): Promise<Message> {
    const snapshot = this.wait((m) => m.type === 'snapshot' || m.type === 'error', 'snapshot after hello');
    this.ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, meetingId, credential: { kind: 'facilitator', token } }));
    const m = await snapshot;
    if (m.type !== 'snapshot') throw new Error(`hello refused: ${JSON.stringify(m)}`);
    return m;
  }

  async command(command: Record<string, unknown>): Promise<Message> {
    const commandId = `bench-${randomBytes(6).toString('hex')}`;
    const answer = this.wait((m) => (m.type === 'ack' || m.type === 'rejected') && m.commandId === commandId, `answer to ${String(command.type)}`);
    this.ws.send(JSON.stringify({ type: 'command', commandId, command }));
    const m = await answer;
    if (m.type !== 'ack') throw new Error(`${String(command.type)} refused: ${m.code} ${m.message}`);
    return m;
  }

  close(): void {
    this.ws.terminate();
  }
}

/**
 * Pings from outside while the server works, at a steady rate whether or not the last was answered,
 * so the ping→pong times sample the server's event-loop delay evenly over time: a stall of S
 * seconds shows as many pings waiting up to S, not as one sample. Replies are matched in order
 * (a ping over the server's rate limit is answered too, with an error). An upper bound of the
 * delay: it includes the loopback and the probe's own scheduling (about 0.5 ms idle here).
 */
export class Probe {
  readonly samples: { at: number; rtt: number }[] = [];
  private readonly pending: number[][] = [];
  private timers: NodeJS.Timeout[] = [];
  frames = 0;

  private constructor(private readonly sockets: WebSocket[]) {}

  /** `count` sockets without hello (ping is allowed before it), each pinging every `periodMs`, staggered. */
  static async open(base: string, count = 4, periodMs = 60): Promise<Probe> {
    const sockets: WebSocket[] = [];
    for (let i = 0; i < count; i++) {
      const res = await fetch(`${base}/api/live/ticket`, { method: 'POST' });
      const { ticket } = (await res.json()) as { ticket: string };
      const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/ws?ticket=${ticket}`, { perMessageDeflate: false });
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      sockets.push(ws);
    }
    const probe = new Probe(sockets);
    sockets.forEach((ws, i) => {
      const pending: number[] = [];
      probe.pending.push(pending);
      ws.on('message', () => {
        probe.frames++;
        const sentAt = pending.shift();
        if (sentAt !== undefined) probe.samples.push({ at: sentAt, rtt: now() - sentAt });
      });
      const start = setTimeout(() => {
        probe.timers.push(
          setInterval(() => {
            // Bounded: about 20 minutes of pings waiting on one socket.
            if (ws.readyState !== WebSocket.OPEN || pending.length >= 20_000) return;
            pending.push(now());
            ws.send('{"type":"ping"}');
          }, periodMs),
        );
      }, (i * periodMs) / count);
      probe.timers.push(start);
    });
    return probe;
  }

  /** Waits (at most `ms`) until every ping sent before `until` has its answer. */
  async settle(until: number, ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (this.pending.some((p) => p[0] !== undefined && p[0] <= until) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  }

  /** Ping→pong times of the pings sent from `from` to `to`; one still unanswered counts as waiting until now. */
  rtts(from: number, to: number): number[] {
    const at = now();
    const waiting = this.pending.flat().filter((t) => t >= from && t <= to).map((t) => at - t);
    return [...this.samples.filter((s) => s.at >= from && s.at <= to).map((s) => s.rtt), ...waiting];
  }

  close(): void {
    for (const timer of this.timers) clearInterval(timer);
    for (const ws of this.sockets) ws.terminate();
  }
}

/** GET /metrics as samples; null when the server has no such route. */
export async function readMetrics(base: string): Promise<MetricSample[] | null> {
  try {
    const res = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(5000) });
    if (res.status !== 200) return null;
    return parsePrometheus(await res.text());
  } catch {
    return null;
  }
}

/**
 * Opens the prepared meeting as its facilitator and brings it to the vote: open, start, go to the
 * choice step, open its input and reveal it (so every view carries the tally as it grows).
 * Returns the facilitator's connection, kept open, and the join code.
 */
export async function openForVoting(base: string, meetingId: string, token: string): Promise<{ facilitator: LiveConn; joinCode: string }> {
  const facilitator = await LiveConn.open(base);
  await facilitator.hello(meetingId, token);
  for (const command of [
    { type: 'OpenMeeting' },
    { type: 'StartMeeting' },
    { type: 'GoToStep', stepId: STEP },
    { type: 'OpenInput', stepId: STEP },
    { type: 'RevealResults', stepId: STEP },
  ]) {
    await facilitator.command(command);
  }
  // A second console reads the join code from its snapshot.
  const reader = await LiveConn.open(base);
  const snapshot = await reader.hello(meetingId, token);
  reader.close();
  const joinCode = snapshot.state?.joinCode;
  if (!joinCode) throw new Error('the opened meeting has no join code');
  return { facilitator, joinCode };
}
