import { DAY_MS, HOUR_MS, startOfUtcDay, toWholeSecond } from './time';

/** Collection points are open 08:00-19:00 UTC. */
const OPENING_HOUR = 8;
const CLOSING_HOUR = 19;
/** January follows the Christmas upgrades and September the new phone launches; August is quiet. */
const MONTH_FACTORS = [1.35, 1.05, 0.95, 0.95, 0.9, 0.95, 0.85, 0.7, 1.2, 1.05, 1.0, 1.1];
/** Sunday first: shops are mostly closed on Sunday and busiest on Saturday. */
const WEEKDAY_FACTORS = [0.25, 1.0, 1.0, 1.05, 1.0, 1.1, 1.4];

interface Slot {
  start: number;
  length: number;
}

/**
 * When collections happen inside a window: opening hours, weekly and seasonal rhythm. `timeAt` is the
 * inverse of the cumulative collection intensity, so it is monotone: spreading devices over [0, 1) in
 * index order yields collection times in index order, which lets deliveries be emitted in time order
 * while devices are generated one by one.
 */
export class CollectionCalendar {
  private readonly slots: Slot[] = [];
  private readonly cumulative: number[] = [0];

  constructor(
    readonly from: number,
    readonly until: number,
  ) {
    for (let day = startOfUtcDay(from); day < until; day += DAY_MS) {
      const start = Math.max(from, day + OPENING_HOUR * HOUR_MS);
      const end = Math.min(until, day + CLOSING_HOUR * HOUR_MS);
      if (end <= start) continue;
      const date = new Date(day);
      const weight = (end - start) * MONTH_FACTORS[date.getUTCMonth()] * WEEKDAY_FACTORS[date.getUTCDay()];
      this.slots.push({ start, length: end - start });
      this.cumulative.push(this.cumulative[this.cumulative.length - 1] + weight);
    }
    if (this.slots.length === 0) throw new RangeError('the collection window holds no opening hours');
  }

  /** The collection time at quantile `p` in [0, 1): whole seconds, in [from, until), monotone in p. */
  timeAt(p: number): number {
    const total = this.cumulative[this.cumulative.length - 1];
    const target = Math.min(Math.max(p, 0), 1 - Number.EPSILON) * total;
    let low = 0;
    let high = this.slots.length - 1;
    // The last slot whose cumulative start is <= target.
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.cumulative[mid] <= target) low = mid;
      else high = mid - 1;
    }
    const slot = this.slots[low];
    const within = (target - this.cumulative[low]) / (this.cumulative[low + 1] - this.cumulative[low]);
    return toWholeSecond(slot.start + Math.min(within, 1 - Number.EPSILON) * slot.length);
  }
}
