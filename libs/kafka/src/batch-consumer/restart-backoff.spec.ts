import { RestartBackoff } from './restart-backoff';

describe('RestartBackoff', () => {
  it('doubles from the initial delay up to the maximum', () => {
    const backoff = new RestartBackoff(300, 2_000, () => 0);
    expect([1, 2, 3, 4, 5].map(() => backoff.next())).toEqual([300, 600, 1_200, 2_000, 2_000]);
  });

  it('adds at most 20 % jitter', () => {
    const backoff = new RestartBackoff(1_000, 30_000, () => 0.999);
    expect(backoff.next()).toBe(1_200);
  });

  it('starts again from the initial delay after a reset', () => {
    const backoff = new RestartBackoff(300, 30_000, () => 0);
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(300);
  });
});
