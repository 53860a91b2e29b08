/**
 * [RL-10] A client that stops reading. A facilitator's console on a real socket stops reading (its
 * TCP socket is paused, so the kernel's buffers fill and then the server's) while 100 phones keep
 * adding cards of 480 characters, which the console's view carries. The server process must cut
 * the console off once its send buffer passes 1 MiB (1013, PR-7), its memory must grow less than
 * 50 MB over the run, the phones must notice nothing, and the console, reading again, must get the
 * close, reconnect and resync from a snapshot at the meeting's current seq. The memory measured is
 * what the server holds for the reader: the live sockets' send queues (`goedwerk_live_buffered_bytes`
 * from /metrics, at their peak) and the growth of its JS heap after a full collection. Its RSS also
 * grows by the embedded database's memory for the thousands of cards; that is printed beside it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION } from '@goedwerk/core';
import WebSocket from 'ws';
import { figure, freePort, sleep, until } from './helpers.ts';
import { Phone, prepareMeetings } from './live-phone.ts';
import { ServerProcess, serverEnv } from './server-process.ts';

const STEP = 'praktijkvragen';
const PHONES = 100;
/**
 * 480 characters, most of them three bytes in UTF-8 (about 1.4 KB a card): the kernel's buffers
 * (their size varies from run to run, about 4–6 MiB) fill after fewer cards, so the cut comes well
 * within the time even on a busy machine.
 */
const CARD = `Kosten in euro's: ${'€'.repeat(480)}`.slice(0, 480);
/** How long the phones may add cards before the test gives up waiting for the cut. */
const CARD_PHASE_MS = 150_000;
const LIMIT_MB = 50;
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
/** Preloaded into the server: SIGUSR2 asks for a full garbage collection (it runs with --expose-gc). */
const GC_HOOK = fileURLToPath(new URL('../../../bench/live-gc.mjs', import.meta.url));

describe('[RL-10] a client that stops reading', { timeout: 6 * 60_000 }, () => {
  let dataDir: string;
  let server: ServerProcess;
  let base: string;
  let meetingId: string;
  let facilitatorToken: string;
  let joinCode: string;
  const phones: Phone[] = [];

  const metric = async (name: string): Promise<number> => {
    const text = await (await fetch(`${base}/metrics`)).text();
    return Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1]);
  };
  const rss = async (): Promise<number> => Number(/^VmRSS:\s+(\d+) kB/m.exec(await readFile(`/proc/${server.child.pid}/status`, 'utf8'))?.[1]) * 1024;
  const collect = async () => {
    server.child.kill('SIGUSR2');
    await sleep(500);
  };

  /** A facilitator's console on a plain `ws` socket: its frames, its close, and its TCP socket. */
  const console_ = async () => {
    const { ticket } = (await (await fetch(`${base}/api/live/ticket`, { method: 'POST' })).json()) as { ticket: string };
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/ws?ticket=${ticket}`);
    const got = { frames: 0, bytes: 0, snapshotSeq: -1, lastSeq: -1, closed: null as { code: number; reason: string } | null };
    ws.on('message', (data: Buffer) => {
      got.frames++;
      got.bytes += data.length;
      const m = JSON.parse(data.toString('utf8')) as { type: string; seq?: number };
      if (m.type === 'snapshot') got.snapshotSeq = m.seq ?? -1;
      if (typeof m.seq === 'number') got.lastSeq = Math.max(got.lastSeq, m.seq);
    });
    ws.on('close', (code, reason) => (got.closed = { code, reason: reason.toString() }));
    ws.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, meetingId, credential: { kind: 'facilitator', token: facilitatorToken } }));
    await until(() => got.snapshotSeq >= 0, 'the console has its snapshot');
    return { ws, got, tcp: (ws as unknown as { _socket: Socket })._socket };
  };

  before(async () => {
    // The meeting is prepared on the data folder before the server opens it.
    dataDir = await mkdtemp(join(tmpdir(), 'goedwerk-slow-reader-'));
    const [prepared] = await prepareMeetings(dataDir, 'goed-werk-hub', ['Trage lezer'], [{ type: 'OpenMeeting' }, { type: 'StartMeeting' }, { type: 'GoToStep', stepId: STEP }]);
    assert.ok(prepared);
    ({ meetingId, joinCode, facilitatorToken } = prepared);

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const { DATABASE_URL: _db, REDIS_URL: _redis, ...env } = process.env;
    server = await ServerProcess.start(serverEnv(env, port, { GOEDWERK_DATA_DIR: dataDir, GOEDWERK_DEMO: 'false' }), 60_000, ['--expose-gc', '--import', GC_HOOK]);
    for (let i = 0; i < PHONES; i++) phones.push(new Phone(base, meetingId, joinCode, 'slow'));
    await Promise.all(phones.map((p) => p.connect()));
  });

  after(async () => {
    for (const p of phones) p.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('[RL-10] a console that stops reading is cut off past 1 MiB, the server grows less than 50 MB, the phones notice nothing, and it resyncs from a snapshot', async () => {
    const heapAfterGc = async () => {
      await collect();
      return metric('nodejs_heap_size_used_bytes');
    };
    const heapBefore = await heapAfterGc();
    const rssBefore = await rss();
    const cutBefore = await metric('goedwerk_live_cut_off_total');
    assert.equal(cutBefore, 0);

    const slow = await console_();
    slow.tcp.pause();
    const framesWhenPaused = slow.got.frames;

    // The phones add cards until the server has cut the console off (or CARD_PHASE_MS has passed).
    let cut = false;
    let rssPeak = rssBefore;
    let bufferedPeak = 0;
    const startedAt = Date.now();
    const writers = phones.map(async (phone) => {
      while (!cut && Date.now() - startedAt < CARD_PHASE_MS) await phone.card(STEP, CARD);
    });
    while (!cut && Date.now() - startedAt < CARD_PHASE_MS) {
      await sleep(200);
      rssPeak = Math.max(rssPeak, await rss());
      bufferedPeak = Math.max(bufferedPeak, await metric('goedwerk_live_buffered_bytes'));
      cut = (await metric('goedwerk_live_cut_off_total')) >= 1;
    }
    await Promise.all(writers);
    const cutAfterMs = Date.now() - startedAt;
    rssPeak = Math.max(rssPeak, await rss());
    const cards = phones.reduce((sum, p) => sum + p.acked, 0) - PHONES;
    assert.ok(cut, `the console was cut off (${cards} cards in ${cutAfterMs} ms)`);
    assert.equal(slow.got.frames, framesWhenPaused, 'the paused console read nothing meanwhile');
    // What the server holds for the slow reader: its send queue (at most 1 MiB and a frame; sampled
    // every 200 ms, so a little more may have passed between samples) and whatever the JS heap kept.
    const heapAtCut = await heapAfterGc();
    const growthMb = (heapAtCut - heapBefore + bufferedPeak) / 1e6;
    assert.ok(bufferedPeak > 512 * 1024, `the console's queue was seen filling up (${mib(bufferedPeak)} MiB)`);
    assert.ok(bufferedPeak < 2 * 2 ** 20, `the queue stayed near the 1 MiB limit (${mib(bufferedPeak)} MiB)`);

    // Reading again: everything the server had sent arrives, then the close with 1013.
    slow.tcp.resume();
    await until(() => slow.got.closed !== null, 'the console sees the close', 40_000);
    assert.equal(slow.got.closed?.code, 1013, `closed with ${JSON.stringify(slow.got.closed)}`);
    const receivedMiB = slow.got.bytes / 2 ** 20;


    // The console comes back and resyncs from a snapshot: it holds what happened after the cut,
    // and a card added after the close.
    await (phones[0] as Phone).card(STEP, 'Nog een kaart na de afsluiting.');
    const back = await console_();
    assert.ok(back.got.snapshotSeq > slow.got.lastSeq, `the new snapshot (seq ${back.got.snapshotSeq}) is past where the console was cut off (seq ${slow.got.lastSeq})`);
    back.ws.close();

    const problems = phones.flatMap((p) => p.problems);
    figure('slow_reader_cut_off', 1);
    figure('slow_reader_memory_growth_mb', growthMb.toFixed(1));
    console.log(
      `# [RL-10] ${cards} cards from ${PHONES} phones; cut off after ${cutAfterMs} ms; the console then read ${receivedMiB.toFixed(2)} MiB (kernel buffers and the server's up to 1 MiB); ` +
        `send queues at most ${mib(bufferedPeak)} MiB; heap after GC ${mib(heapBefore)} → ${mib(heapAtCut)} MiB (+${growthMb.toFixed(1)} MB with the queue); ` +
        `RSS ${mib(rssBefore)} → peak ${mib(rssPeak)} MiB, which also holds the embedded database's memory for the ${cards} cards; resynced at seq ${back.got.snapshotSeq}`,
    );
    assert.deepEqual(problems.slice(0, 10), [], 'the phones were answered every time, and none was closed');
    assert.ok(growthMb < LIMIT_MB, `the server's heap and buffers grew ${growthMb.toFixed(1)} MB (under ${LIMIT_MB})`);
  });
});
