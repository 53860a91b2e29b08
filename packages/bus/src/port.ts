/**
 * The publish/subscribe port that tells every server node a meeting has new events.
 * Messages are small strings (a meeting id and a sequence number), never contribution text.
 */
export type BusHandler = (message: string) => void;

/**
 * [BUS-8] What a networked bus hands every local subscriber once its connection to the broker is
 * back after a loss (and it listens again): messages published meanwhile may be gone, so a
 * receiver takes any message, this one too, as "read from the store where things stand".
 */
export const RESYNC_MESSAGE = '';

export interface Bus {
  readonly kind: string;
  /** Delivers the message to every current subscriber of the channel, on every node. */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Resolves once messages published on the channel reach the handler (from then on, nothing
   * published is missed while the connection holds). Returns a function that ends this subscription.
   */
  subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /**
   * [BUS-9] Present only on a bus that is LISTEN/NOTIFY on the store's own database: the database
   * channel for a bus channel. A publisher then has the store send the notification inside the
   * transaction that appends the events (delivered only if it commits) instead of publishing
   * after the commit.
   */
  commitChannel?(channel: string): string;
}
