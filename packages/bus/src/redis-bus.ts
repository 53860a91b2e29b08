import { Redis, type RedisOptions } from 'ioredis';
import { ChannelFanout } from './fanout.ts';
import { type Bus, type BusHandler, RESYNC_MESSAGE } from './port.ts';

export interface RedisBusOptions {
  /** redis://[user:password@]host:port[/db] (or rediss:// for TLS). */
  readonly url: string;
  /** How long `publish` waits for Redis before it returns and leaves the message queued. */
  readonly publishWaitMs?: number;
  /** Messages kept while the connection is down, at most; beyond, they are dropped (and receivers resync). */
  readonly maxQueued?: number;
  /** Names the two connections in Redis's CLIENT LIST: `<name>-publish` and `<name>-subscribe`. */
  readonly name?: string;
}

const CLOSE_WAIT_MS = 2000;

/** A short description of a connection error: its code, never the URL (it may hold a password). */
const describe = (error: unknown) =>
  error && typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : error instanceof Error ? error.name : 'error';

/**
 * [BUS-7] The bus over Redis pub/sub, for several server nodes. Two connections: one publishes,
 * one subscribes (a subscribing Redis connection can do nothing else). One Redis subscription
 * per channel, however many local handlers; reconnects by itself, listens again and then hands
 * every local subscriber RESYNC_MESSAGE ([BUS-8]).
 */
export class RedisBus implements Bus {
  readonly kind = 'redis';
  private readonly fanout: ChannelFanout;
  private closed = false;
  private subscriberReady = false;
  private queued = 0;
  private dropped = 0;
  private readonly down = new Set<Redis>();

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly publishWaitMs: number,
    private readonly maxQueued: number,
  ) {
    this.fanout = new ChannelFanout(
      async (channel) => {
        await subscriber.subscribe(channel);
      },
      async (channel) => {
        await subscriber.unsubscribe(channel);
      },
    );
    subscriber.on('message', (channel: string, message: string) => this.fanout.deliver(channel, message));
    subscriber.on('ready', () => {
      if (this.subscriberReady) void this.resubscribe();
      this.subscriberReady = true;
    });
    for (const [name, connection] of [['publisher', publisher], ['subscriber', subscriber]] as const) {
      // Logged once per outage, with the last error's code; ioredis retries by itself. Before the
      // first connect, open() reports the failure instead.
      let lastError = 'closed';
      let wasReady = false;
      connection.on('error', (error: unknown) => {
        lastError = describe(error);
      });
      connection.on('close', () => {
        if (this.closed || !wasReady || this.down.has(connection)) return;
        this.down.add(connection);
        console.error(`redis bus: ${name} connection lost (${lastError}); reconnecting`);
      });
      connection.on('ready', () => {
        wasReady = true;
        lastError = 'closed';
        if (this.down.delete(connection)) console.error(`redis bus: ${name} connection back`);
      });
    }
  }

  /** Connects both connections; fails when Redis cannot be reached at start. */
  static async open({ url, publishWaitMs = 1000, maxQueued = 10_000, name = 'goedwerk-bus' }: RedisBusOptions): Promise<RedisBus> {
    const options: RedisOptions = {
      lazyConnect: true,
      // Commands wait while the connection is down and go out, in order, once it is back.
      maxRetriesPerRequest: null,
      // Done here instead, so the subscribers can be told once it is done ([BUS-8]).
      autoResubscribe: false,
      connectTimeout: 5000,
      retryStrategy: (times) => Math.min(50 * 2 ** times, 2000),
    };
    const publisher = new Redis(url, { ...options, connectionName: `${name}-publish` });
    const subscriber = new Redis(url, { ...options, connectionName: `${name}-subscribe` });
    const bus = new RedisBus(publisher, subscriber, publishWaitMs, maxQueued);
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
    } catch (error) {
      await bus.close();
      throw new Error(`cannot reach Redis for the bus (${describe(error)})`);
    }
    return bus;
  }

  /**
   * Sends the message and waits for Redis to take it, at most `publishWaitMs`: a publisher never
   * hangs on a lost connection. A message not yet taken stays queued and goes out, in order, when
   * the connection is back.
   */
  async publish(channel: string, message: string): Promise<void> {
    if (this.closed) throw new Error('bus is closed');
    if (this.publisher.status !== 'ready' && this.queued >= this.maxQueued) {
      if (this.dropped++ === 0) console.error('redis bus: too many messages queued while Redis is away; dropping (receivers resync)');
      return;
    }
    this.queued++;
    const sent = this.publisher.publish(channel, message).finally(() => {
      this.queued--;
      if (this.queued === 0) this.dropped = 0;
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.publishWaitMs);
    });
    try {
      const outcome = await Promise.race([sent, waited]);
      if (outcome === 'late') sent.catch((error: unknown) => console.error(`redis bus: a queued message was not sent (${describe(error)})`));
    } finally {
      clearTimeout(timer);
    }
  }

  async subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('bus is closed');
    return this.fanout.add(channel, handler);
  }

  /** After a reconnect: listen again to every channel with handlers, then tell them to resync. */
  private async resubscribe(): Promise<void> {
    const channels = this.fanout.names();
    if (channels.length === 0) return;
    try {
      await this.subscriber.subscribe(...channels);
    } catch (error) {
      // The connection went again; the next 'ready' tries again.
      if (!this.closed) console.error(`redis bus: listening again failed (${describe(error)})`);
      return;
    }
    for (const channel of channels) this.fanout.deliver(channel, RESYNC_MESSAGE);
  }

  /** Quits both connections (disconnects at once when Redis is away). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.fanout.clear();
    await Promise.all(
      [this.publisher, this.subscriber].map(async (connection) => {
        if (connection.status !== 'ready') return connection.disconnect();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const late = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, CLOSE_WAIT_MS);
        });
        await Promise.race([connection.quit().catch(() => {}), late]);
        clearTimeout(timer);
        connection.disconnect();
      }),
    );
  }
}
