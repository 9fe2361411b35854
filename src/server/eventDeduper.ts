/**
 * Remembers platform event ids for a while so that a retried or redelivered webhook (Slack
 * `x-slack-retry-num`, LINE `isRedelivery`) is answered once. Memory is bounded: past `max` ids the
 * oldest are forgotten, and an id older than the ttl counts as new again.
 */
export interface EventDeduperOptions {
  /** How long an id is remembered. Default one hour: Slack's three retries come within minutes. */
  ttlMs?: number;
  /** Most ids kept at once. Default 50 000. */
  max?: number;
  /** Clock in milliseconds, injectable for tests. */
  now?: () => number;
}

export class EventDeduper {
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;
  /** id -> expiry. Map keeps insertion order, and every id gets the same ttl, so the oldest expire first. */
  readonly #seen = new Map<string, number>();

  constructor(opts: EventDeduperOptions = {}) {
    this.#ttlMs = opts.ttlMs ?? 60 * 60 * 1000;
    this.#max = opts.max ?? 50_000;
    this.#now = opts.now ?? Date.now;
    if (!(this.#ttlMs > 0)) throw new RangeError(`EventDeduper: ttlMs must be > 0, got ${this.#ttlMs}`);
    if (!Number.isInteger(this.#max) || this.#max < 1) {
      throw new RangeError(`EventDeduper: max must be an integer >= 1, got ${this.#max}`);
    }
  }

  /** True the first time `id` is seen within the ttl; false for a repeat. Records the id. */
  firstTime(id: string): boolean {
    const now = this.#now();
    this.#forgetExpired(now);
    const expiry = this.#seen.get(id);
    if (expiry !== undefined && expiry > now) return false;
    // Delete first so a re-seen id moves to the young end of the insertion order.
    this.#seen.delete(id);
    this.#seen.set(id, now + this.#ttlMs);
    while (this.#seen.size > this.#max) {
      const oldest = this.#seen.keys().next();
      if (oldest.done) break;
      this.#seen.delete(oldest.value);
    }
    return true;
  }

  /** Ids currently remembered. */
  get size(): number {
    return this.#seen.size;
  }

  #forgetExpired(now: number): void {
    for (const [id, expiry] of this.#seen) {
      if (expiry > now) return;
      this.#seen.delete(id);
    }
  }
}
