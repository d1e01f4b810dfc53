import { partitionLags } from './consumer-lag';

describe('partitionLags', () => {
  const ends = (low: number, high: number) => [
    { topic: 'devices.collection.v1', partition: 0, low: BigInt(low), high: BigInt(high) },
  ];
  const stored = (next: number) => [
    { topic: 'devices.collection.v1', partition: 0, nextOffset: BigInt(next) },
  ];

  it('is the records between the stored next offset and the end', () => {
    // end 120, processed up to 99 (next 100): 120 - 100 = 20 records to go.
    expect(partitionLags(ends(0, 120), stored(100))).toEqual([
      { topic: 'devices.collection.v1', partition: 0, lag: 20n },
    ]);
  });

  it('is zero once the group processed everything', () => {
    expect(partitionLags(ends(0, 120), stored(120))[0].lag).toBe(0n);
  });

  it('counts from the first record kept when the partition has no stored offset', () => {
    // records 30..49 are still on the broker: 50 - 30 = 20.
    expect(partitionLags(ends(30, 50), [])[0].lag).toBe(20n);
  });

  it('counts only what is left when retention deleted records the group never read', () => {
    // stored next 10, but the broker starts at 30: 50 - 30 = 20, not 40.
    expect(partitionLags(ends(30, 50), stored(10))[0].lag).toBe(20n);
  });

  it('is zero, never negative, when the stored offset is past the end (topic recreated)', () => {
    expect(partitionLags(ends(0, 5), stored(80))[0].lag).toBe(0n);
  });

  it('reads each partition against its own stored offset', () => {
    const lags = partitionLags(
      [
        { topic: 'a', partition: 0, low: 0n, high: 10n },
        { topic: 'a', partition: 1, low: 0n, high: 7n },
        { topic: 'b', partition: 0, low: 0n, high: 3n },
      ],
      [
        { topic: 'a', partition: 1, nextOffset: 2n },
        { topic: 'b', partition: 0, nextOffset: 3n },
      ],
    );
    // a/0 has no stored offset: 10 - 0; a/1: 7 - 2; b/0: 3 - 3.
    expect(lags.map((l) => l.lag)).toEqual([10n, 5n, 0n]);
  });
});
