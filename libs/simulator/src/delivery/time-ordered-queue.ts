import { HOUR_MS } from '../calendar/time';

export interface Timed {
  atMs: number;
}

const BUCKET_MS = HOUR_MS;

/**
 * Items held until time has moved past them, then released in order. Once the horizon passes the end
 * of an hour nothing earlier can still arrive, so the hour is released whole, sorted: much cheaper than
 * a heap over the hundreds of thousands of deliveries in flight during a large run.
 */
export class TimeOrderedQueue<T extends Timed> {
  private readonly buckets = new Map<number, T[]>();
  private nextBucket: number;
  private lastBucket: number;

  constructor(
    startMs: number,
    private readonly compare: (a: T, b: T) => number,
  ) {
    this.nextBucket = Math.floor(startMs / BUCKET_MS);
    this.lastBucket = this.nextBucket - 1;
  }

  /** The item must not be earlier than the last horizon released. */
  push(item: T): void {
    const bucket = Math.floor(item.atMs / BUCKET_MS);
    if (bucket < this.nextBucket)
      throw new RangeError(`an item at ${item.atMs} is earlier than released ones`);
    const items = this.buckets.get(bucket);
    if (items) items.push(item);
    else this.buckets.set(bucket, [item]);
    if (bucket > this.lastBucket) this.lastBucket = bucket;
  }

  /** In order, every item of the hours that end at or before `horizonMs`. */
  *releaseBefore(horizonMs: number): Generator<T> {
    const end = Math.floor(horizonMs / BUCKET_MS);
    for (; this.nextBucket < end; this.nextBucket++) {
      const items = this.buckets.get(this.nextBucket);
      if (!items) continue;
      this.buckets.delete(this.nextBucket);
      yield* items.sort(this.compare);
    }
  }

  /** Everything left, in order. */
  *drain(): Generator<T> {
    yield* this.releaseBefore((this.lastBucket + 1) * BUCKET_MS);
  }
}
