import { consumerLag, totalLag } from './consumer-lag';

describe('consumerLag', () => {
  const watermarks = [
    { partition: 0, low: '0', high: '10' },
    { partition: 1, low: '5', high: '8' },
    { partition: 2, low: '0', high: '0' },
  ];

  it('counts everything as remaining before the group committed anything', () => {
    expect(consumerLag(watermarks, [])).toEqual({ consumed: 0, remaining: 13 });
    expect(consumerLag(watermarks, [{ partition: 0, offset: '-1' }])).toEqual({ consumed: 0, remaining: 13 });
  });

  it('counts from the log start to the committed offset as consumed', () => {
    const committed = [
      { partition: 0, offset: '4' },
      { partition: 1, offset: '8' },
    ];
    expect(consumerLag(watermarks, committed)).toEqual({ consumed: 7, remaining: 6 });
  });

  it('is done when every partition is committed to its end, and sums topics', () => {
    const done = consumerLag(watermarks, [
      { partition: 0, offset: '10' },
      { partition: 1, offset: '8' },
    ]);
    expect(done).toEqual({ consumed: 13, remaining: 0 });
    expect(totalLag([done, { consumed: 2, remaining: 1 }])).toEqual({ consumed: 15, remaining: 1 });
  });

  it('clamps an offset committed below a truncated log start', () => {
    expect(consumerLag([{ partition: 0, low: '5', high: '9' }], [{ partition: 0, offset: '2' }])).toEqual({
      consumed: 0,
      remaining: 4,
    });
  });
});
