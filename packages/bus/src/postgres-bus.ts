import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { ChannelFanout } from './fanout.ts';
import { type Bus, type BusHandler, RESYNC_MESSAGE } from './port.ts';

export interface PostgresBusOptions {
  /** A postgres:// connection URL. */
  readonly url: string;
  /**
   * The store writes to this same database: publishers may have the store send the notification
   * inside the commit transaction instead ([BUS-9], `commitChannel`).
   */
  readonly notifyInCommit?: boolean;
  /** The connections' application_name, as pg_stat_activity shows it. */
  readonly name?: string;
}

/**
 * The database channel of a bus channel: a lowercase identifier of at most 63 bytes (PostgreSQL
 * cuts longer names), a readable prefix and a hash, so any bus channel name fits and none collide.
 */
export function postgresChannel(channel: string): string {
  const readable = channel.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 24);
  const hash = createHash('sha256').update(channel).digest('hex').slice(0, 32);
  return `gw_${readable}_${hash}`;
}

interface Listening {
  unlisten: () => Promise<void>;
  /**
   * postgres.js listens again by itself after a lost connection, but the handle it gave first
   * no longer ends that listener: such a channel stays listened to (messages for it are dropped
   * here while it has no handlers) and is taken up again when someone subscribes.
   */
  stale: boolean;
}

/**
 * [BUS-7] The bus over PostgreSQL LISTEN/NOTIFY, for several server nodes on one database without
 * any other service. `publish` is `select pg_notify(channel, message)`; listening runs on a
 * connection of its own (postgres.js `listen`), one LISTEN per channel however many local
 * handlers, and after a lost connection it listens again and hands every local subscriber
 * RESYNC_MESSAGE ([BUS-8]).
 */
export class PostgresBus implements Bus {
  readonly kind = 'postgres';
  readonly commitChannel?: (channel: string) => string;
  private readonly fanout: ChannelFanout;
  private readonly listening = new Map<string, Listening>();
  private closed = false;

  private constructor(
    private readonly sql: postgres.Sql,
    notifyInCommit: boolean,
  ) {
    if (notifyInCommit) this.commitChannel = postgresChannel;
    this.fanout = new ChannelFanout(
      (channel) => this.listen(channel),
      (channel) => this.unlisten(channel),
    );
  }

  /** Connects (and checks the connection), failing when the database cannot be reached. */
  static async open({ url, notifyInCommit = false, name = 'goedwerk-bus' }: PostgresBusOptions): Promise<PostgresBus> {
    const sql = postgres(url, { max: 2, onnotice: () => {}, connection: { application_name: name } });
    try {
      await sql`select 1`;
    } catch (error) {
      await sql.end({ timeout: 1 });
      throw error;
    }
    return new PostgresBus(sql, notifyInCommit);
  }

  async publish(channel: string, message: string): Promise<void> {
    if (this.closed) throw new Error('bus is closed');
    await this.sql`select pg_notify(${postgresChannel(channel)}, ${message})`;
  }

  async subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('bus is closed');
    return this.fanout.add(channel, handler);
  }

  private async listen(channel: string): Promise<void> {
    if (this.listening.has(channel)) return;
    const entry: Listening = { unlisten: async () => {}, stale: false };
    let first = true;
    const request = await this.sql.listen(
      postgresChannel(channel),
      (payload) => this.fanout.deliver(channel, payload),
      () => {
        // Called once listening, and again each time postgres.js has listened anew after a lost connection.
        if (first) {
          first = false;
          return;
        }
        entry.stale = true;
        if (!this.closed) this.fanout.deliver(channel, RESYNC_MESSAGE);
      },
    );
    entry.unlisten = request.unlisten;
    this.listening.set(channel, entry);
  }

  private async unlisten(channel: string): Promise<void> {
    const held = this.listening.get(channel);
    if (!held || held.stale) return;
    this.listening.delete(channel);
    await held.unlisten();
  }

  /** Ends both connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.fanout.clear();
    await this.sql.end({ timeout: 5 });
  }
}
