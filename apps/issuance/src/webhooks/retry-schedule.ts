export interface RetrySchedule {
  /** The wait after the first failed attempt; each further failure doubles it. */
  baseMs: number;
  /** The longest wait between two attempts. */
  maxMs: number;
}

/**
 * How long to wait after the `attempt`-th failed attempt: exponential back-off with "equal jitter" (half
 * the delay fixed, half random), so a receiver that comes back after an outage is not hit by every
 * delivery at the same instant, and never retried sooner than half the nominal delay.
 */
export function retryDelayMs(
  attempt: number,
  schedule: RetrySchedule,
  random: () => number = Math.random,
): number {
  const nominal = Math.min(schedule.maxMs, schedule.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(nominal / 2 + (nominal / 2) * random());
}
