import { createHmac } from 'node:crypto';
import type { Store } from '@goedwerk/store';

/**
 * Counts failed attempts (wrong join codes per address, wrong passwords per account) in a
 * sliding window. After `limit` failures the key is refused until the oldest failure leaves the
 * window, whatever it tries.
 */
export interface AttemptGuard {
  /** True when this key may try (again). */
  allows(key: string): Promise<boolean>;
  /** How many failures this key has in the window now. */
  failuresOf(key: string): Promise<number>;
  /** Counts a failure; returns how many the key has in the window now. */
  fail(key: string): Promise<number>;
}

/** One process's memory: for a guard that needs no database (a hub or routes on their own, tests). */
export class JoinGuard implements AttemptGuard {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 10 * 60 * 1000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async allows(key: string): Promise<boolean> {
    return this.recent(key).length < this.limit;
  }

  async failuresOf(key: string): Promise<number> {
    return this.recent(key).length;
  }

  async fail(key: string): Promise<number> {
    const list = this.recent(key);
    list.push(this.now());
    this.failures.set(key, list);
    return list.length;
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    // Keep the map bounded under a spray of addresses: forget the oldest-seen keys first,
    // never everyone at once (that would reset the count of the key under attack).
    if (this.failures.size > 100_000) {
      let drop = this.failures.size - 90_000;
      for (const other of this.failures.keys()) {
        if (drop-- <= 0) break;
        if (other !== key) this.failures.delete(other);
      }
    }
    return list;
  }
}

/** Attempts older than this are deleted as new ones are recorded: longer than every window. */
const FORGET_AFTER_MS = 60 * 60 * 1000;

/**
 * [RL-9] The count kept in the database, so that every node of a deployment counts together: a
 * guesser who spreads attempts over the nodes meets the same limit as on one. The database gets
 * an HMAC of the key under the deployment's secret (GOEDWERK_SECRET, the same on every node) and
 * a namespace, never an address or an e-mail as typed, and forgets attempts after an hour.
 */
export class SharedGuard implements AttemptGuard {
  constructor(
    private readonly store: Store,
    private readonly namespace: string,
    private readonly secret: Buffer,
    private readonly limit = 10,
    private readonly windowMs = 10 * 60 * 1000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  private keyOf(key: string): string {
    return createHmac('sha256', this.secret).update(`${this.namespace}\u0000${key}`).digest('base64url');
  }

  private since(): string {
    return new Date(this.now() - this.windowMs).toISOString();
  }

  async allows(key: string): Promise<boolean> {
    return (await this.failuresOf(key)) < this.limit;
  }

  failuresOf(key: string): Promise<number> {
    return this.store.countAttempts(this.keyOf(key), this.since());
  }

  fail(key: string): Promise<number> {
    const at = this.now();
    return this.store.recordAttempt(this.keyOf(key), new Date(at).toISOString(), this.since(), new Date(at - FORGET_AFTER_MS).toISOString());
  }
}
