export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * A token bucket: holds up to `capacity` tokens, refilled continuously at `ratePerSecond`.
 *
 * A request costing more than the capacity (a batch larger than the burst) is let through once the
 * bucket is full and leaves it in debt, repaid by the refill; otherwise such a batch could never pass.
 * The long-run rate is still `ratePerSecond`. A refused request takes nothing.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAtMs: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    nowMs: number,
  ) {
    if (!(ratePerSecond > 0) || !(capacity > 0)) throw new RangeError('rate and capacity must be positive');
    this.tokens = capacity;
    this.updatedAtMs = nowMs;
  }

  take(cost: number, nowMs: number): TakeResult {
    this.refill(nowMs);
    const needed = Math.min(cost, this.capacity);
    if (this.tokens >= needed) {
      this.tokens -= cost;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil(((needed - this.tokens) * 1000) / this.ratePerSecond) };
  }

  /** True when the bucket is full again, i.e. forgetting it changes nothing. */
  isFull(nowMs: number): boolean {
    this.refill(nowMs);
    return this.tokens >= this.capacity;
  }

  private refill(nowMs: number): void {
    // A clock stepping backwards must not drain the bucket.
    const elapsedMs = Math.max(0, nowMs - this.updatedAtMs);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsedMs * this.ratePerSecond) / 1000);
    this.updatedAtMs = Math.max(this.updatedAtMs, nowMs);
  }
}
