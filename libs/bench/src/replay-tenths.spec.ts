import { ReplayTransaction, replayTenths } from './replay-tenths';

/** Transactions of the given sizes, starting `gapsMs[i]` after the previous one. */
function replay(sizes: number[], gapsMs: number[]): ReplayTransaction[] {
  let before = 0;
  let startedMs = 1_000_000;
  return sizes.map((events, i) => {
    startedMs += i === 0 ? 0 : gapsMs[i - 1];
    const transaction = { startedMs, events, before };
    before += events;
    return transaction;
  });
}

describe('replay rate by tenths', () => {
  it('times each tenth from its first transaction start to the start of the one after', () => {
    // 10 transactions of 100 events: the first takes 100 ms, the ninth 125 ms.
    const transactions = replay(Array<number>(10).fill(100), [100, 100, 100, 100, 100, 100, 100, 100, 125]);
    const tenths = replayTenths(transactions, 1000)!;
    expect(tenths.first).toEqual({ events: 100, seconds: 0.1, eventsPerSecond: 1000 });
    // The final transaction's end is unknown: the one before it stands for the last tenth.
    expect(tenths.last).toEqual({ events: 100, seconds: 0.125, eventsPerSecond: 800 });
    expect(tenths.ratio).toBeCloseTo(0.8);
  });

  it('counts whole transactions, so a tenth that ends inside one takes all of it', () => {
    // 1,000 events: the first tenth ends inside the second transaction (60 + 60).
    const transactions = replay([60, 60, 380, 300, 150, 25, 25], [100, 200, 1000, 500, 200, 300]);
    const tenths = replayTenths(transactions, 1000)!;
    expect(tenths.first).toEqual({ events: 120, seconds: 0.3, eventsPerSecond: 400 });
    // Last tenth: events 901..1000, from the 5th transaction (events 801..950) to the final one's start.
    expect(tenths.last).toEqual({ events: 175, seconds: 0.5, eventsPerSecond: 350 });
    expect(tenths.ratio).toBeCloseTo(0.875);
  });

  it('works from the two ends alone, as the benchmark query returns them', () => {
    const all = replay(Array<number>(100).fill(50), Array<number>(99).fill(100));
    const ends = [...all.slice(0, 11), ...all.slice(89)];
    expect(replayTenths(ends, 5000)).toEqual(replayTenths(all, 5000));
    expect(replayTenths(ends, 5000)!.first).toEqual({ events: 500, seconds: 1, eventsPerSecond: 500 });
  });

  it('cannot time a replay of fewer than two transactions, nor transactions that started together', () => {
    expect(replayTenths([], 0)).toBeUndefined();
    expect(replayTenths(replay([500], []), 500)).toBeUndefined();
    expect(replayTenths(replay([500, 10], [0]), 510)).toBeUndefined();
    // The first tenth reaches the final transaction: nothing starts after it.
    expect(replayTenths(replay([10, 500], [100]), 510)).toBeUndefined();
  });
});
