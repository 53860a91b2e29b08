/**
 * Counts failed join-code guesses per address in a sliding window. After `limit` failures the
 * address is refused until the oldest failure leaves the window, whatever it tries. One node's
 * memory: several nodes each keep their own count (documented in docs/privacy.md).
 */
export class JoinGuard {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 10 * 60 * 1000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** True when this address may try (again). */
  allows(address: string): boolean {
    return this.recent(address).length < this.limit;
  }

  /** How many failures this address has in the window now. */
  failuresOf(address: string): number {
    return this.recent(address).length;
  }

  fail(address: string): void {
    const list = this.recent(address);
    list.push(this.now());
    this.failures.set(address, list);
  }

  private recent(address: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(address) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(address);
    else this.failures.set(address, list);
    // Keep the map bounded under a spray of addresses: forget the oldest-seen addresses first,
    // never everyone at once (that would reset the count of the address under attack).
    if (this.failures.size > 100_000) {
      let drop = this.failures.size - 90_000;
      for (const key of this.failures.keys()) {
        if (drop-- <= 0) break;
        if (key !== address) this.failures.delete(key);
      }
    }
    return list;
  }
}
