/**
 * Shared pieces of the reliability and security tests (RL-*, docs/spec/reliability.md): an
 * in-memory outbox store, a seeded random source, polling and figure lines. Not a test file.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import WebSocket from 'ws';
import type { KeyValueStore, SocketLike } from '../../web/src/live/session.ts';

/** The browser's localStorage, in memory: the outbox survives as long as the test's client does. */
export class MemoryStorage implements KeyValueStore {
  readonly map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

/** Waits until `check` holds, polling; fails the test with `what` after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, what: string | (() => string), ms = 5000, step = 10): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out after ${ms} ms: ${typeof what === 'string' ? what : what()}`);
    await sleep(step);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The seed of a randomised test: GOEDWERK_TEST_SEED when set (to replay a run), else a fresh one.
 * Printed as a comment line so every run can be repeated.
 */
export function testSeed(name: string): number {
  const fromEnv = process.env.GOEDWERK_TEST_SEED;
  const seed = fromEnv !== undefined && fromEnv !== '' ? Number.parseInt(fromEnv, 10) >>> 0 : randomBytes(4).readUInt32LE(0);
  console.log(`# ${name}: seed=${seed} (replay with GOEDWERK_TEST_SEED=${seed})`);
  return seed;
}

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number from `min` to `max` inclusive. */
export const between = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

export function figure(name: string, value: number | string): void {
  console.log(`FIGURE ${name}=${value}`);
}

/** A participant's browser-made secret and an id of the allowed shape. */
export const newSecret = () => randomBytes(24).toString('base64url');
export const newId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;

/** Opens `ws` sockets for LiveSession and remembers them so a test can end them all. */
export class SocketFactory {
  readonly sockets = new Set<WebSocket>();
  readonly create = (url: string): SocketLike => {
    const ws = new WebSocket(url);
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    // A refused connection reports 'error'; LiveSession handles it through onerror.
    return ws as unknown as SocketLike;
  };
  terminateAll(): void {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
  }
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
