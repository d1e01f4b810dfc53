import { Injectable } from '@nestjs/common';
import { GatewayEnv } from '../gateway.env';
import { TakeResult, TokenBucket } from './token-bucket';

const SWEEP_EVERY = 1000;

/**
 * One token bucket per API key, counting events rather than requests: a bulk sender posting 1000
 * events at once and a chatty one posting them one by one are held to the same rate.
 *
 * In-process: each gateway instance limits on its own, so N instances behind a load balancer let a
 * key through at up to N times the configured rate. A shared limiter (Redis, PostgreSQL) would fix
 * that at the cost of a round trip per request.
 */
@Injectable()
export class EventRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private takes = 0;

  constructor(private readonly env: GatewayEnv) {}

  take(keyId: string, events: number, nowMs = Date.now()): TakeResult {
    this.sweep(nowMs);
    let bucket = this.buckets.get(keyId);
    if (!bucket) {
      bucket = new TokenBucket(
        this.env.GATEWAY_RATE_LIMIT_EVENTS_PER_SECOND,
        this.env.GATEWAY_RATE_LIMIT_BURST,
        nowMs,
      );
      this.buckets.set(keyId, bucket);
    }
    return bucket.take(events, nowMs);
  }

  // Full buckets are indistinguishable from new ones: dropping them keeps memory bounded by active keys.
  private sweep(nowMs: number): void {
    if (++this.takes % SWEEP_EVERY !== 0) return;
    for (const [keyId, bucket] of this.buckets) if (bucket.isFull(nowMs)) this.buckets.delete(keyId);
  }
}
