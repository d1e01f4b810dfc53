import { SeededRandom } from '@refurb/lifecycle/testing/seeded-random';
import { TimeOrderedQueue } from './time-ordered-queue';

interface Item {
  atMs: number;
  n: number;
}

const HOUR = 3_600_000;
const byTime = (a: Item, b: Item) => a.atMs - b.atMs || a.n - b.n;

describe('TimeOrderedQueue', () => {
  it('releases, in order, exactly the items of the hours before the horizon', () => {
    const queue = new TimeOrderedQueue<Item>(0, byTime);
    queue.push({ atMs: 2 * HOUR + 5, n: 1 });
    queue.push({ atMs: 10, n: 2 });
    queue.push({ atMs: 10, n: 0 });
    queue.push({ atMs: HOUR + 1, n: 3 });
    expect([...queue.releaseBefore(2 * HOUR + 10)].map((item) => item.n)).toEqual([0, 2, 3]);
    queue.push({ atMs: 2 * HOUR + 1, n: 4 });
    expect([...queue.drain()].map((item) => item.n)).toEqual([4, 1]);
  });

  it('sorts a random stream the same as a full sort, whatever the horizons', () => {
    const random = new SeededRandom(3);
    const queue = new TimeOrderedQueue<Item>(0, byTime);
    const out: Item[] = [];
    const all: Item[] = [];
    let horizon = 0;
    for (let n = 0; n < 5000; n++) {
      horizon += random.int(0, HOUR / 2);
      out.push(...queue.releaseBefore(horizon));
      const item = { atMs: horizon + random.int(0, 30 * HOUR), n };
      all.push(item);
      queue.push(item);
    }
    out.push(...queue.drain());
    expect(out).toEqual([...all].sort(byTime));
  });

  it('refuses an item earlier than what it released', () => {
    const queue = new TimeOrderedQueue<Item>(0, byTime);
    [...queue.releaseBefore(5 * HOUR)].forEach(() => undefined);
    expect(() => queue.push({ atMs: HOUR, n: 0 })).toThrow(RangeError);
  });
});
