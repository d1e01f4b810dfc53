import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls until the probe returns a value the predicate accepts. Asynchronous pipelines are observed,
 * not timed: the deadline only bounds a broken run, it asserts nothing about speed.
 */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  { timeoutMs = 60_000, intervalMs = 200, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  const detail = lastError
    ? ` (last error: ${(lastError as Error).message})`
    : ` (last value: ${JSON.stringify(last)})`;
  throw new Error(`Timed out waiting for ${what}${detail}`);
}
