import type { BusHandler } from './port.ts';

interface Channel {
  readonly handlers: Set<BusHandler>;
  /** Whether the broker has been told to send this channel to us (and has confirmed it). */
  listening: boolean;
  /** Broker subscribe/unsubscribe calls of this channel, one after another. */
  op: Promise<void>;
}

/**
 * The local side of a networked bus: one broker subscription per channel, however many handlers
 * this process has on it. The broker is told to listen when the first handler comes and to stop
 * when the last one goes, strictly in turn per channel, so a quick unsubscribe–subscribe never
 * ends unsubscribed. Each message from the broker goes to every local handler, each isolated.
 */
export class ChannelFanout {
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly listen: (channel: string) => Promise<void>,
    private readonly unlisten: (channel: string) => Promise<void>,
  ) {}

  /** Adds a handler; resolves once the broker sends this channel to us. */
  async add(channel: string, handler: BusHandler): Promise<() => Promise<void>> {
    let entry = this.channels.get(channel);
    if (!entry) this.channels.set(channel, (entry = { handlers: new Set(), listening: false, op: Promise.resolve() }));
    const channelEntry = entry;
    // Wrapped, so the same function subscribed twice counts as two subscriptions.
    const own: BusHandler = (message) => handler(message);
    channelEntry.handlers.add(own);
    try {
      await this.step(channel, channelEntry);
    } catch (error) {
      channelEntry.handlers.delete(own);
      this.forget(channel, channelEntry);
      throw error;
    }
    let removed = false;
    return async () => {
      if (removed) return;
      removed = true;
      channelEntry.handlers.delete(own);
      await this.step(channel, channelEntry);
    };
  }

  /** Brings the broker in line with the handlers there are now, after what is already under way. */
  private step(channel: string, entry: Channel): Promise<void> {
    const next = entry.op
      .catch(() => {})
      .then(async () => {
        if (!entry.listening && entry.handlers.size > 0) {
          await this.listen(channel);
          entry.listening = true;
        } else if (entry.listening && entry.handlers.size === 0) {
          // Marked first: if the broker call fails, the connection is gone and with it the subscription.
          entry.listening = false;
          await this.unlisten(channel);
        }
        this.forget(channel, entry);
      });
    entry.op = next;
    return next;
  }

  private forget(channel: string, entry: Channel): void {
    if (entry.handlers.size === 0 && !entry.listening && this.channels.get(channel) === entry) this.channels.delete(channel);
  }

  /** Hands a message from the broker to this process's handlers of the channel. */
  deliver(channel: string, message: string): void {
    const entry = this.channels.get(channel);
    if (!entry) return;
    for (const handler of [...entry.handlers]) {
      try {
        handler(message);
      } catch (error) {
        console.error(`bus handler on ${channel} failed:`, error instanceof Error ? error.message : error);
      }
    }
  }

  /** Channels this process has handlers on. */
  names(): string[] {
    return [...this.channels].filter(([, entry]) => entry.handlers.size > 0).map(([name]) => name);
  }

  /** Drops every handler (on close); the broker connection goes with the adapter. */
  clear(): void {
    this.channels.clear();
  }
}
