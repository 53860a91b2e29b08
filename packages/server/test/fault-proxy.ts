/**
 * A TCP proxy on 127.0.0.1 with faults on demand, shared by the reliability tests (RL-2 between
 * live clients and the server, RL-7 between the server and PostgreSQL). Not a test file.
 */
import { createServer, type Server, Socket } from 'node:net';

export type Direction = 'up' | 'down';

/** A position in the middle of `marker` in the chunk, or null when the chunk does not hold it. */
export const inside = (chunk: Buffer, marker: string): number | null => {
  const i = chunk.indexOf(marker);
  return i < 0 ? null : i + Math.floor(marker.length / 2);
};

/** One client connection through the proxy and its connection to the server. */
interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
  /** Half-open: nothing is forwarded either way, nothing is closed. */
  blackholed: boolean;
}

/**
 * A TCP proxy on 127.0.0.1 with faults on demand: cut every connection (and refuse new ones for a
 * while), make connections half-open, delay data, or cut a chunk in the middle.
 */
export class FaultProxy {
  private server: Server | null = null;
  readonly pairs = new Set<Pair>();
  port = 0;
  /** How new connections are treated: forwarded, reset at once, or accepted and never answered. */
  newConnections: 'forward' | 'refuse' | 'blackhole' = 'forward';
  latencyMs = 0;
  /** Cut the next chunk in this direction for which `at` gives a position, after forwarding what comes before it. */
  private cutMidChunk: { direction: Direction; at: (chunk: Buffer) => number | null; done: () => void } | null = null;
  private readonly queues = new Map<Socket, { at: number; chunk: Buffer }[]>();

  constructor(private readonly upstreamPort: number) {}

  async listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  private accept(client: Socket): void {
    client.on('error', () => {});
    if (this.newConnections === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    const upstream = new Socket();
    upstream.on('error', () => {});
    upstream.connect(this.upstreamPort, '127.0.0.1');
    const pair: Pair = { client, upstream, blackholed: this.newConnections === 'blackhole' };
    this.pairs.add(pair);
    client.on('data', (chunk: Buffer) => this.forward(pair, 'up', chunk));
    upstream.on('data', (chunk: Buffer) => this.forward(pair, 'down', chunk));
    const end = () => this.drop(pair);
    client.on('close', end);
    upstream.on('close', end);
  }

  private forward(pair: Pair, direction: Direction, chunk: Buffer): void {
    if (pair.blackholed) return;
    const target = direction === 'up' ? pair.upstream : pair.client;
    const cut = this.cutMidChunk;
    const at = cut && cut.direction === direction ? cut.at(chunk) : null;
    if (cut && at !== null) {
      this.cutMidChunk = null;
      this.write(target, chunk.subarray(0, at));
      // Let the half leave before both ends go.
      setTimeout(() => {
        this.drop(pair);
        cut.done();
      }, this.latencyMs + 20);
      return;
    }
    this.write(target, chunk);
  }

  /** Writes in order, after the added latency. */
  private write(target: Socket, chunk: Buffer): void {
    if (this.latencyMs === 0 && !this.queues.get(target)?.length) {
      if (!target.destroyed) target.write(chunk);
      return;
    }
    let queue = this.queues.get(target);
    if (!queue) this.queues.set(target, (queue = []));
    queue.push({ at: Date.now() + this.latencyMs, chunk });
    if (queue.length === 1) this.pump(target, queue);
  }

  private pump(target: Socket, queue: { at: number; chunk: Buffer }[]): void {
    const head = queue[0];
    if (!head) return;
    setTimeout(() => {
      while (queue[0] && queue[0].at <= Date.now()) {
        const { chunk } = queue.shift() as { chunk: Buffer };
        if (!target.destroyed) target.write(chunk);
      }
      this.pump(target, queue);
    }, Math.max(0, head.at - Date.now()));
  }

  private drop(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    pair.client.destroy();
    pair.upstream.destroy();
    this.queues.delete(pair.client);
    this.queues.delete(pair.upstream);
  }

  /** Ends every connection at once (as when the network goes away). */
  cutAll(): void {
    for (const pair of [...this.pairs]) {
      pair.client.resetAndDestroy();
      pair.upstream.destroy();
      this.drop(pair);
    }
  }

  /** Every open connection stops carrying data, without being closed (a half-open connection). */
  blackholeAll(): number {
    for (const pair of this.pairs) pair.blackholed = true;
    return this.pairs.size;
  }

  /**
   * Arms a cut inside the next chunk for which `at` gives a position: the bytes before it are
   * forwarded, then both ends are closed. Resolves once it has happened.
   */
  cutNextChunk(direction: Direction, at: (chunk: Buffer) => number | null): Promise<void> {
    return new Promise((resolve) => {
      this.cutMidChunk = { direction, at, done: resolve };
    });
  }

  async close(): Promise<void> {
    for (const pair of [...this.pairs]) this.drop(pair);
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

