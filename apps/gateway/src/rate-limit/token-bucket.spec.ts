import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('lets a burst through, then refuses with the wait until enough tokens are back', () => {
    const bucket = new TokenBucket(10, 20, 0);
    expect(bucket.take(15, 0)).toEqual({ ok: true });
    expect(bucket.take(5, 0)).toEqual({ ok: true });
    expect(bucket.take(3, 0)).toEqual({ ok: false, retryAfterMs: 300 });
    expect(bucket.take(3, 299)).toEqual({ ok: false, retryAfterMs: 1 });
    expect(bucket.take(3, 300)).toEqual({ ok: true });
  });

  it('never holds more than its capacity', () => {
    const bucket = new TokenBucket(10, 20, 0);
    expect(bucket.take(20, 3_600_000)).toEqual({ ok: true });
    expect(bucket.take(1, 3_600_000)).toEqual({ ok: false, retryAfterMs: 100 });
  });

  it('lets a request larger than the burst through once full, and makes the next ones wait off the debt', () => {
    const bucket = new TokenBucket(10, 20, 0);
    expect(bucket.take(50, 0)).toEqual({ ok: true });
    // 30 tokens in debt: one more event needs 31 tokens of refill.
    expect(bucket.take(1, 0)).toEqual({ ok: false, retryAfterMs: 3100 });
    expect(bucket.take(50, 4000)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(bucket.take(50, 5000)).toEqual({ ok: true });
  });

  it('takes nothing from a refused request', () => {
    const bucket = new TokenBucket(1, 5, 0);
    expect(bucket.take(4, 0)).toEqual({ ok: true });
    expect(bucket.take(3, 0)).toEqual({ ok: false, retryAfterMs: 2000 });
    expect(bucket.take(1, 0)).toEqual({ ok: true });
  });

  it('is not drained by a clock stepping backwards', () => {
    const bucket = new TokenBucket(1, 5, 10_000);
    expect(bucket.take(1, 5_000)).toEqual({ ok: true });
    expect(bucket.isFull(10_000)).toBe(false);
    expect(bucket.isFull(11_000)).toBe(true);
  });
});
