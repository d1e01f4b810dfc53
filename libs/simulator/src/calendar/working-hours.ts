import { SeededRandom } from '@refurb/lifecycle/testing/seeded-random';
import { DAY_MS, HOUR_MS, MINUTE_MS, startOfUtcDay, toWholeSecond } from './time';

/** Workshop benches run 07:00-17:00 UTC, Monday to Saturday. */
const BENCH_OPENS_HOUR = 7;
const BENCH_CLOSES_HOUR = 17;

/** `ms` if the bench is open then, else a moment shortly after it next opens (never earlier than `ms`). */
export function onBenchHours(ms: number, random: SeededRandom): number {
  let day = startOfUtcDay(ms);
  let at = ms;
  const hour = (ms - day) / HOUR_MS;
  if (hour >= BENCH_CLOSES_HOUR) day += DAY_MS;
  if (hour < BENCH_OPENS_HOUR || hour >= BENCH_CLOSES_HOUR) {
    at = day + BENCH_OPENS_HOUR * HOUR_MS + random.int(0, 90) * MINUTE_MS;
  }
  if (new Date(day).getUTCDay() === 0) at += DAY_MS;
  return toWholeSecond(Math.max(at, ms));
}
