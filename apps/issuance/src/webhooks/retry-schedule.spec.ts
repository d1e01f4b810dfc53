import { retryDelayMs } from './retry-schedule';

describe('retryDelayMs', () => {
  const schedule = { baseMs: 1_000, maxMs: 60_000 };

  it('doubles after each failure, between half and all of the nominal delay', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, schedule, () => 0))).toEqual([
      500, 1_000, 2_000, 4_000,
    ]);
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, schedule, () => 1))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
  });

  it('never waits longer than the cap, however many failures', () => {
    expect(retryDelayMs(40, schedule, () => 1)).toBe(60_000);
    expect(retryDelayMs(40, schedule, () => 0)).toBe(30_000);
  });
});
