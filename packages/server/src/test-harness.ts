import type { BinaryExporters } from './reports.ts';
import type { AddressInfo } from 'node:net';
import { MemoryBus } from '@goedwerk/bus';
import type { ServerMessage } from '@goedwerk/core';
import { openPglite, type Store } from '@goedwerk/store';
import { MEETING_CHECKPOINTS } from './adapters.ts';
import WebSocket from 'ws';
import { type App, buildApp } from './app.ts';
import { type ContentCatalog, loadContent } from './content.ts';
import type { LiveHubOptions } from './live-hub.ts';

export interface TestServer extends App {
  readonly url: string;
  readonly wsUrl: string;
  readonly store: Store;
  readonly content: ContentCatalog;
  close(): Promise<void>;
}

/** [ST-28] A checkpoint every 7 events, so that the tests' short meetings read most states folded forward. */
export const TEST_CHECKPOINTS = { ...MEETING_CHECKPOINTS, every: 7 };

/** A server on a free loopback port over an in-memory embedded database, for one test file. */
export async function startTestServer(
  options: { store?: Store; webRoot?: string | null; live?: Partial<LiveHubOptions>; clock?: () => Date; secret?: string; exporters?: BinaryExporters } = {},
): Promise<TestServer> {
  const store = options.store ?? (await openPglite({ dataDir: 'memory://', checkpoints: TEST_CHECKPOINTS }));
  const bus = new MemoryBus();
  const content = await loadContent();
  const built = await buildApp({
    store,
    bus,
    content,
    webRoot: options.webRoot ?? null,
    ...(options.exporters ? { exporters: options.exporters } : {}),
    ...(options.live ? { live: options.live } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.secret ? { secret: options.secret } : {}),
  });
  await built.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = built.app.server.address() as AddressInfo;
  return {
    ...built,
    store,
    content,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    async close() {
      await built.app.close();
      await bus.close();
      await store.close();
    },
  };
}

/** The http(s) origin of a server given by its http(s) or ws(s) address (any path). */
function httpOrigin(url: string): string {
  const u = new URL(url);
  if (u.protocol === 'ws:' || u.protocol === 'wss:') u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  return u.origin;
}

/**
 * [AC-15] A fresh live ticket from the server at `url` (its http address, or its ws address), as
 * the browser gets one: `POST /api/live/ticket`, with `headers` (a session cookie, an origin).
 */
export async function liveTicket(url: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${httpOrigin(url)}/api/live/ticket`, { method: 'POST', headers });
  const body = (await res.json()) as { ticket?: unknown };
  if (res.status !== 200 || typeof body.ticket !== 'string') throw new Error(`no live ticket: ${res.status} ${JSON.stringify(body)}`);
  return body.ticket;
}

/** The live address of the server at `url` with a fresh ticket: what a test socket connects to. */
export async function ticketedWsUrl(url: string, headers: Record<string, string> = {}): Promise<string> {
  const origin = httpOrigin(url);
  return `${origin.replace(/^http/, 'ws')}/ws?ticket=${await liveTicket(origin, headers)}`;
}

/** A WebSocket client that records every message, with a way to wait for the next matching one. */
export class TestClient {
  readonly received: ServerMessage[] = [];
  private readonly waiters: { test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  closed: { code: number; reason: string } | null = null;
  private cursor = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      this.received.push(message);
      const waiter = this.waiters[0];
      if (waiter && this.cursor === this.received.length - 1) {
        this.cursor++;
        if (waiter.test(message)) {
          this.waiters.shift();
          waiter.resolve(message);
        }
      }
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
    });
  }

  /**
   * Connects to the server at `url` (its ws or http address) with a fresh ticket, fetched with
   * `ticketHeaders` (by default the upgrade's own: a session cookie binds the ticket to that session).
   */
  static async connect(url: string, headers: Record<string, string> = {}, ticketHeaders = headers): Promise<TestClient> {
    const socket = new WebSocket(await ticketedWsUrl(url, ticketHeaders), { headers });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new TestClient(socket);
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /**
   * The next message of this type, skipping others, after those already taken; waits up to `ms`.
   * One waiter at a time: tests read their socket in order.
   */
  async next<T extends ServerMessage['type']>(type: T, ms = 3000): Promise<Extract<ServerMessage, { type: T }>> {
    for (; this.cursor < this.received.length; ) {
      const m = this.received[this.cursor++] as ServerMessage;
      if (m.type === type) return m as Extract<ServerMessage, { type: T }>;
    }
    const message = await new Promise<ServerMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.length = 0;
        const last = JSON.stringify(this.received.slice(-3)).slice(0, 400);
        reject(new Error(`no ${type} message within ${ms} ms; last received: ${last}`));
      }, ms);
      this.waiters.push({
        test: (m) => m.type === type,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
    return message as Extract<ServerMessage, { type: T }>;
  }

  async waitClosed(ms = 3000): Promise<{ code: number; reason: string }> {
    const until = Date.now() + ms;
    while (!this.closed) {
      if (Date.now() > until) throw new Error('socket did not close');
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.closed;
  }

  close(): void {
    this.socket.close();
  }
}
