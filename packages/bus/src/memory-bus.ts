import type { Bus, BusHandler } from './port.ts';

/** The bus of a single node: delivery within the process, in publish order per channel. */
export class MemoryBus implements Bus {
  readonly kind = 'memory';
  private readonly channels = new Map<string, Set<BusHandler>>();
  private closed = false;

  async publish(channel: string, message: string): Promise<void> {
    if (this.closed) throw new Error('bus is closed');
    const handlers = this.channels.get(channel);
    if (!handlers) return;
    // Delivered after the publisher continues, as over a network, each handler isolated.
    for (const handler of [...handlers]) {
      queueMicrotask(() => {
        try {
          handler(message);
        } catch (error) {
          console.error(`bus handler on ${channel} failed:`, error instanceof Error ? error.message : error);
        }
      });
    }
  }

  async subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('bus is closed');
    // Wrapped, so the same function subscribed twice counts as two subscriptions.
    const entry: BusHandler = (message) => handler(message);
    let handlers = this.channels.get(channel);
    if (!handlers) this.channels.set(channel, (handlers = new Set()));
    handlers.add(entry);
    return async () => {
      handlers.delete(entry);
      if (handlers.size === 0 && this.channels.get(channel) === handlers) this.channels.delete(channel);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.channels.clear();
  }
}
