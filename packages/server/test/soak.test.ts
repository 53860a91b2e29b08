/**
 * [RL-8] A soak: 150 participants in 10 meetings keep changing their votes for 2 minutes against a
 * real server process (`goedwerk start`, embedded database). The server's memory after a full
 * garbage collection may not drift more than 10 % from warm-up to the end, and nothing may go
 * wrong: every vote acknowledged, no error, no socket closed by the server.
 * GOEDWERK_SOAK_SECONDS (default 120) sets the length; `npm run test:soak` runs it for 60 minutes.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { figure, freePort, seededRandom, sleep, testSeed, until } from './helpers.ts';
import { Phone, prepareMeetings } from './live-phone.ts';
import { ServerProcess, serverEnv } from './server-process.ts';

const SOAK_MS = Math.max(20, Number.parseInt(process.env.GOEDWERK_SOAK_SECONDS ?? '120', 10) || 120) * 1000;
const MEETINGS = 10;
const PER_MEETING = 15;
const STEP = 'eerste-stemming';
const OPTIONS = ['a', 'b', 'c', 'd'];
/** The first part of the soak warms the server up (code compiled, caches filled); memory is compared from there. */
const WARM_UP_MS = Math.min(30_000, SOAK_MS / 4);
/** Preloaded into the server: SIGUSR2 asks for a full garbage collection (it runs with --expose-gc). */
const GC_HOOK = fileURLToPath(new URL('../../../bench/live-gc.mjs', import.meta.url));

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
    const meetings = await prepareMeetings(
      dataDir,
      'dilemma-plenair',
      Array.from({ length: MEETINGS }, (_, m) => `Duurtest ${m + 1}`),
      [{ type: 'OpenMeeting' }, { type: 'StartMeeting' }, { type: 'GoToStep', stepId: STEP }, { type: 'OpenInput', stepId: STEP }, { type: 'RevealResults', stepId: STEP }],
    );

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const { DATABASE_URL: _db, REDIS_URL: _redis, ...env } = process.env;
    server = await ServerProcess.start(
      serverEnv(env, port, { GOEDWERK_DATA_DIR: dataDir, GOEDWERK_DEMO: 'false' }),
      60_000,
      ['--expose-gc', '--import', GC_HOOK],
    );
    for (const { meetingId, joinCode } of meetings) {
      for (let i = 0; i < PER_MEETING; i++) phones.push(new Phone(base, meetingId, joinCode, 'soak'));
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
        await phone.vote(STEP, OPTIONS[Math.floor(random() * OPTIONS.length)] as string);
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
