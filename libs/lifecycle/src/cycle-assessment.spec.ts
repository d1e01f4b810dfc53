import { deriveDeviceCycles } from './derive-device-cycles';
import {
  collected,
  diagnosed,
  on,
  recycled,
  refurbished,
  repaired,
  resold,
  returned,
} from './testing/device-event-factory';
import { cycleOf } from './testing/cycle-lookup';

describe('cycle states and eligibility', () => {
  it.each([
    ['collected', [collected('c', on(1))]],
    ['in-workshop', [collected('c', on(1)), diagnosed('d', on(2))]],
    ['in-workshop', [collected('c', on(1)), repaired('p', on(2))]],
    ['refurbished', [collected('c', on(1)), refurbished('r', on(3))]],
    ['eligible', [collected('c', on(1)), refurbished('r', on(3)), resold('s', on(4), 'o1')]],
    [
      'recycled',
      [collected('c', on(1)), diagnosed('d', on(2), { outcome: 'recycle' }), recycled('y', on(3))],
    ],
  ])('derives %s', (state, events) => {
    expect(cycleOf(deriveDeviceCycles(events), 'c').state).toBe(state);
  });

  it('treats a refurbishment without an erasure certificate as a workshop step, not as refurbished', () => {
    const result = deriveDeviceCycles([
      collected('c', on(1)),
      refurbished('r', on(3), { erasureCertificateId: '  ' }),
      resold('s', on(4), 'o1'),
    ]);

    expect(cycleOf(result, 'c')).toMatchObject({ state: 'pending-evidence', credit: null });
  });

  it('keeps a resale without refurbishment pending, and makes it eligible when the refurbishment arrives', () => {
    const pending = [collected('c', on(1)), resold('s', on(10), 'o1')];
    expect(cycleOf(deriveDeviceCycles(pending), 'c')).toMatchObject({
      state: 'pending-evidence',
      credit: null,
    });

    const result = deriveDeviceCycles([...pending, refurbished('r', on(9))]);

    expect(cycleOf(result, 'c').state).toBe('eligible');
  });

  it('does not accept a refurbishment dated after the credited resale', () => {
    const result = deriveDeviceCycles([
      collected('c', on(1)),
      resold('s', on(10), 'o1'),
      refurbished('r', on(11)),
    ]);

    expect(cycleOf(result, 'c').state).toBe('pending-evidence');
  });

  it('accepts a refurbishment at exactly the resale time', () => {
    const result = deriveDeviceCycles([
      collected('c', on(1)),
      resold('s', on(10), 'o1'),
      refurbished('r', on(10)),
    ]);

    expect(cycleOf(result, 'c').credit?.refurbishmentEventId).toBe('r');
  });

  it('credits the earliest uncancelled resale and records every other one as a conflicting claim', () => {
    const result = deriveDeviceCycles([
      collected('c', on(1)),
      refurbished('r', on(2)),
      resold('s3', on(12), 'o3'),
      resold('s1', on(10), 'o1'),
      resold('s2', on(11), 'o2'),
      returned('x2', on(13), 'o2'),
    ]);

    const cycle = cycleOf(result, 'c');
    expect(cycle.creditedResaleEventId).toBe('s1');
    expect(cycle.conflicts).toEqual([
      { code: 'CYCLE.CONFLICTING_RESALE', creditedEventId: 's1', conflictingEventId: 's3' },
    ]);
  });

  it('breaks a tie between resales at the same instant by event id', () => {
    const result = deriveDeviceCycles([
      collected('c', on(1)),
      refurbished('r', on(2)),
      resold('s-b', on(10), 'o2'),
      resold('s-a', on(10), 'o1'),
    ]);

    expect(cycleOf(result, 'c').creditedResaleEventId).toBe('s-a');
    expect(cycleOf(result, 'c').conflicts).toEqual([
      { code: 'CYCLE.CONFLICTING_RESALE', creditedEventId: 's-a', conflictingEventId: 's-b' },
    ]);
  });

  it('moves the credit to the next resale when the credited one is returned, and keeps later ones conflicting', () => {
    const result = deriveDeviceCycles([
      collected('c', on(1)),
      refurbished('r', on(2)),
      resold('s1', on(10), 'o1'),
      resold('s2', on(11), 'o2'),
      resold('s3', on(12), 'o3'),
      returned('x1', on(13), 'o1'),
    ]);

    const cycle = cycleOf(result, 'c');
    expect(cycle.credit?.creditedResaleEventId).toBe('s2');
    expect(cycle.conflicts).toEqual([
      { code: 'CYCLE.CONFLICTING_RESALE', creditedEventId: 's2', conflictingEventId: 's3' },
    ]);
  });

  it('never credits a recycled cycle and reports each uncancelled resale in it, before or after recycling', () => {
    const result = deriveDeviceCycles([
      collected('c', on(1)),
      refurbished('r', on(2)),
      resold('s1', on(3), 'o1'),
      recycled('y', on(5)),
      resold('s2', on(8), 'o2'),
      resold('s3', on(9), 'o3'),
      returned('x3', on(10), 'o3'),
    ]);

    expect(cycleOf(result, 'c')).toMatchObject({
      state: 'recycled',
      creditedResaleEventId: null,
      credit: null,
      conflicts: [
        { code: 'CYCLE.RESALE_IN_RECYCLED_CYCLE', recycledEventId: 'y', conflictingEventId: 's1' },
        { code: 'CYCLE.RESALE_IN_RECYCLED_CYCLE', recycledEventId: 'y', conflictingEventId: 's2' },
      ],
    });
  });

  it('lets recycling end only its own cycle: the next collection starts a creditable one', () => {
    const result = deriveDeviceCycles([
      collected('c1', on(1)),
      recycled('y', on(2)),
      collected('c2', on(10)),
      refurbished('r', on(11)),
      resold('s', on(12), 'o1'),
    ]);

    expect(result.cycles.map((c) => c.state)).toEqual(['recycled', 'eligible']);
  });

  describe('parts that do not exist for the category', () => {
    it('blocks the cycle and records the repair and its impossible parts', () => {
      const result = deriveDeviceCycles([
        collected('c', on(1), { category: 'console' }),
        repaired('p', on(2), { partsReplaced: ['housing', 'battery', 'keyboard'] }),
        refurbished('r', on(3)),
        resold('s', on(4), 'o1'),
      ]);

      expect(cycleOf(result, 'c')).toMatchObject({
        state: 'blocked',
        credit: null,
        creditedResaleEventId: 's',
        anomalies: [
          {
            code: 'CYCLE.PART_NOT_IN_CATEGORY',
            eventId: 'p',
            category: 'console',
            parts: ['battery', 'keyboard'],
          },
        ],
      });
    });

    it('judges parts by the category on the collection', () => {
      const repair = repaired('p', on(2), { partsReplaced: ['keyboard'] });
      const history = (category: 'laptop' | 'smartphone') => [
        collected('c', on(1), { category }),
        repair,
        refurbished('r', on(3)),
        resold('s', on(4), 'o1'),
      ];

      expect(cycleOf(deriveDeviceCycles(history('laptop')), 'c').state).toBe('eligible');
      expect(cycleOf(deriveDeviceCycles(history('smartphone')), 'c').state).toBe('blocked');
    });

    it('reports the anomaly but keeps recycled as the state of a recycled cycle', () => {
      const result = deriveDeviceCycles([
        collected('c', on(1), { category: 'monitor' }),
        repaired('p', on(2), { partsReplaced: ['storage'] }),
        recycled('y', on(3)),
      ]);

      expect(cycleOf(result, 'c').state).toBe('recycled');
      expect(cycleOf(result, 'c').anomalies).toHaveLength(1);
    });

    it('cannot judge parts in the collection-less window, and does once the collection arrives', () => {
      const history = [repaired('p', on(2), { partsReplaced: ['camera'] }), refurbished('r', on(3))];
      expect(cycleOf(deriveDeviceCycles(history), null)).toMatchObject({
        state: 'pending-evidence',
        anomalies: [],
      });

      const result = deriveDeviceCycles([...history, collected('c', on(1), { category: 'desktop' })]);

      expect(cycleOf(result, 'c').state).toBe('blocked');
    });
  });
});
