/**
 * [RL-8] A soak: 150 participants in 10 meetings keep changing their votes for 2 minutes against a
 * real server process (`goedwerk start`, embedded database). The server's memory after a full
 * garbage collection may not drift more than 10 % from warm-up to the end, and nothing may go
 * wrong: every vote acknowledged, no error, no socket closed by the server.
 * GOEDWERK_SOAK_SECONDS (default 120) sets the length; `npm run test:soak` runs it for 60 minutes.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MemoryBus } from '@goedwerk/bus';
import { type MeetingCommand, PROTOCOL_VERSION, type MeetingState } from '@goedwerk/core';
import { openPglite } from '@goedwerk/store';
import WebSocket from 'ws';
import { loadContent } from '../src/content.ts';
import { MeetingEngine } from '../src/engine.ts';
import { figure, freePort, newSecret, seededRandom, sleep, testSeed, until } from './helpers.ts';
import { ServerProcess } from './server-process.ts';

const SOAK_MS = Math.max(20, Number.parseInt(process.env.GOEDWERK_SOAK_SECONDS ?? '120', 10) || 120) * 1000;
const MEETINGS = 10;
const PER_MEETING = 15;
const STEP = 'eerste-stemming';
const OPTIONS = ['a', 'b', 'c', 'd'];
/** The first part of the soak warms the server up (code compiled, caches filled); memory is compared from there. */
const WARM_UP_MS = Math.min(30_000, SOAK_MS / 4);
/** Preloaded into the server: SIGUSR2 asks for a full garbage collection (it runs with --expose-gc). */
const GC_HOOK = fileURLToPath(new URL('../../../bench/live-gc.mjs', import.meta.url));

/** One participant's phone, on the protocol directly: a vote every second or so, each awaited. */
class Phone {
  readonly participantId = `soak-${randomBytes(6).toString('hex')}`;
  private readonly secret = newSecret();
  private ws: WebSocket | null = null;
  private readonly answers = new Map<string, (m: { type: string; code?: string }) => void>();
  acked = 0;
  readonly problems: string[] = [];

  constructor(
    private readonly base: string,
    readonly meetingId: string,
    private readonly joinCode: string,
  ) {}

  async connect(): Promise<void> {
    const { ticket } = (await (await fetch(`${this.base}/api/live/ticket`, { method: 'POST' })).json()) as { ticket: string };
    const ws = new WebSocket(`${this.base.replace(/^http/, 'ws')}/ws?ticket=${ticket}`);
    this.ws = ws;
    const snapshot = new Promise<void>((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const m = JSON.parse(data.toString('utf8')) as { type: string; commandId?: string; code?: string };
        if (m.type === 'snapshot') resolve();
        else if ((m.type === 'ack' || m.type === 'rejected') && m.commandId) this.answers.get(m.commandId)?.(m);
        else if (m.type === 'error') this.problems.push(`error ${m.code}`);
      });
      ws.once('error', reject);
    });
    ws.on('close', (code) => this.ws === ws && this.problems.push(`closed ${code}`));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, meetingId: this.meetingId, credential: { kind: 'participant', participantId: this.participantId, secret: this.secret, joinCode: this.joinCode } }));
    await snapshot;
    await this.command({ type: 'JoinMeeting', acceptConfidentiality: true });
  }

  async command(command: MeetingCommand): Promise<void> {
    const commandId = `soak-${randomBytes(8).toString('hex')}`;
    const answer = new Promise<{ type: string; code?: string }>((resolve) => this.answers.set(commandId, resolve));
    this.ws?.send(JSON.stringify({ type: 'command', commandId, command }));
    const m: { type: string; code?: string } = await Promise.race([answer, sleep(10_000).then(() => ({ type: 'timeout' }))]);
    this.answers.delete(commandId);
    if (m.type === 'ack') this.acked++;
    else this.problems.push(`${command.type}: ${m.type}${m.code ? ` ${m.code}` : ''}`);
  }

  /** The same contribution id each time: a changed vote replaces the last (CO-6). */
  vote(optionId: string): Promise<void> {
    return this.command({ type: 'SubmitContribution', stepId: STEP, contributionId: `vote-${this.participantId}`, payload: { kind: 'choice', optionId } });
  }

  close(): void {
    const ws = this.ws;
    this.ws = null;
    ws?.terminate();
  }
}

describe('[RL-8] a soak of 150 participants in 10 meetings', { timeout: SOAK_MS + 5 * 60_000 }, () => {
  const random = seededRandom(testSeed('soak'));
  let dataDir: string;
  let server: ServerProcess;
  let base: string;
  const phones: Phone[] = [];

  /** The server's JS heap after a full garbage collection, and its resident memory, in bytes. */
  async function memory(): Promise<{ heap: number; rss: number }> {
    server.child.kill('SIGUSR2');
    await sleep(500);
    const text = await (await fetch(`${base}/metrics`)).text();
    const heap = Number(/^nodejs_heap_size_used_bytes (\S+)/m.exec(text)?.[1]);
    const rss = Number(/^VmRSS:\s+(\d+) kB/m.exec(await readFile(`/proc/${server.child.pid}/status`, 'utf8'))?.[1]) * 1024;
    assert.ok(heap > 0, 'the heap is read from /metrics');
    return { heap, rss };
  }

  before(async () => {
    // The meetings are prepared on the data folder before the server opens it.
    dataDir = await mkdtemp(join(tmpdir(), 'goedwerk-soak-'));
    const store = await openPglite({ dataDir });
    const content = await loadContent();
    const method = content.methods.get('dilemma-plenair');
    assert.ok(method);
    const engine = new MeetingEngine(store, new MemoryBus());
    const meetings: { meetingId: string; joinCode: string }[] = [];
    for (let m = 0; m < MEETINGS; m++) {
      const made = await engine.createMeeting({ methodId: method.id, title: { nl: `Duurtest ${m + 1}` }, facilitators: [], centralQuestions: [], caseIds: [] }, method);
      let n = 0;
      for (const command of [{ type: 'OpenMeeting' }, { type: 'StartMeeting' }, { type: 'GoToStep', stepId: STEP }, { type: 'OpenInput', stepId: STEP }, { type: 'RevealResults', stepId: STEP }] as MeetingCommand[]) {
        const outcome = await engine.execute({ meetingId: made.meetingId, commandId: `prep-${m}-${n++}-abcdefgh`, command, actor: { role: 'facilitator' } });
        assert.notEqual(outcome.kind, 'rejected', `${command.type}: ${JSON.stringify(outcome)}`);
      }
      const joinCode = (await store.getMeeting<MeetingState>(made.meetingId))?.state.joinCode;
      assert.ok(joinCode);
      meetings.push({ meetingId: made.meetingId, joinCode });
    }
    await store.close();

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const { DATABASE_URL: _db, REDIS_URL: _redis, ...env } = process.env;
    server = await ServerProcess.start(
      {
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        GOEDWERK_DATA_DIR: dataDir,
        GOEDWERK_DEMO: 'false',
        LOG_LEVEL: 'info',
        GOEDWERK_WEB_ROOT: join(tmpdir(), 'goedwerk-no-web-root'),
        GOEDWERK_SECRET: randomBytes(32).toString('base64url'),
      },
      60_000,
      ['--expose-gc', '--import', GC_HOOK],
    );
    for (const { meetingId, joinCode } of meetings) {
      for (let i = 0; i < PER_MEETING; i++) phones.push(new Phone(base, meetingId, joinCode));
    }
    await Promise.all(phones.map((p) => p.connect()));
  });

  after(async () => {
    for (const p of phones) p.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it(`[RL-8] ${PER_MEETING * MEETINGS} participants vote again and again for ${SOAK_MS / 1000} s: memory drift under 10 %, no errors`, async () => {
    assert.equal(phones.length, MEETINGS * PER_MEETING);
    const start = Date.now();
    let warm: { heap: number; rss: number } | null = null;
    const loops = phones.map(async (phone) => {
      while (Date.now() - start < SOAK_MS) {
        await phone.vote(OPTIONS[Math.floor(random() * OPTIONS.length)] as string);
        await sleep(500 + random() * 1000);
      }
    });
    await until(() => Date.now() - start >= WARM_UP_MS, 'warm-up', WARM_UP_MS + 5000, 200);
    warm = await memory();
    await Promise.all(loops);
    const end = await memory();
    const votes = phones.reduce((sum, p) => sum + p.acked, 0) - phones.length;
    const problems = phones.flatMap((p) => p.problems);
    const heapDrift = (end.heap - warm.heap) / warm.heap;
    const rssDrift = (end.rss - warm.rss) / warm.rss;
    figure('soak_participants', phones.length);
    figure('soak_seconds', Math.round((Date.now() - start) / 1000));
    figure('soak_votes_acked', votes);
    figure('soak_errors', problems.length);
    figure('soak_memory_drift_pct', (heapDrift * 100).toFixed(1));
    console.log(`# [RL-8] heap after GC ${(warm.heap / 2 ** 20).toFixed(1)} → ${(end.heap / 2 ** 20).toFixed(1)} MiB (${(heapDrift * 100).toFixed(1)} %); RSS ${(warm.rss / 2 ** 20).toFixed(0)} → ${(end.rss / 2 ** 20).toFixed(0)} MiB (${(rssDrift * 100).toFixed(1)} %, the embedded database's pages included)`);
    assert.deepEqual(problems.slice(0, 10), [], 'no errors, refusals, time-outs or closed sockets');
    assert.ok(votes >= phones.length * (SOAK_MS / 1500) * 0.8, `votes acknowledged: ${votes}`);
    assert.ok(heapDrift < 0.1, `the server's heap after GC drifted ${(heapDrift * 100).toFixed(1)} % (under 10 %)`);
  });
});
