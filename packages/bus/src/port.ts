/**
 * The publish/subscribe port that tells every server node a meeting has new events.
 * Messages are small strings (a meeting id and a sequence number), never contribution text.
 */
export type BusHandler = (message: string) => void;

export interface Bus {
  readonly kind: string;
  /** Delivers the message to every current subscriber of the channel, on every node. */
  publish(channel: string, message: string): Promise<void>;
  /** Returns a function that ends this subscription. */
  subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
