import { deriveDeviceCycles } from './derive-device-cycles';
import { DEVICE_ID, collected, diagnosed, on, refurbished, resold } from './testing/device-event-factory';
import { cycleOf } from './testing/cycle-lookup';

describe('cycle windows', () => {
  it('starts a cycle at each collection and assigns events by occurrence time', () => {
    const result = deriveDeviceCycles([
      resold('s2', on(40), 'o2'),
      collected('c1', on(1)),
      collected('c2', on(30), { category: 'tablet' }),
      refurbished('r1', on(5)),
      resold('s1', on(10), 'o1'),
      refurbished('r2', on(35)),
    ]);

    expect(result.deviceId).toBe(DEVICE_ID);
    expect(result.cycles.map((c) => c.cycleId)).toEqual([`${DEVICE_ID}/c1`, `${DEVICE_ID}/c2`]);
    const first = cycleOf(result, 'c1');
    expect(first).toMatchObject({
      startsAt: on(1),
      endsBefore: on(30),
      category: 'smartphone',
      state: 'eligible',
    });
    expect(first.events.map((e) => e.eventId)).toEqual(['c1', 'r1', 's1']);
    const second = cycleOf(result, 'c2');
    expect(second).toMatchObject({
      startsAt: on(30),
      endsBefore: null,
      category: 'tablet',
      state: 'eligible',
    });
    expect(second.credit?.creditedResaleEventId).toBe('s2');
  });

  it('puts an event at exactly a collection time in the cycle that collection opens', () => {
    const result = deriveDeviceCycles([
      collected('c1', on(1)),
      collected('c2', on(9)),
      diagnosed('d', on(9)),
    ]);

    expect(cycleOf(result, 'c1').events.map((e) => e.eventId)).toEqual(['c1']);
    expect(cycleOf(result, 'c2').events.map((e) => e.eventId)).toEqual(['c2', 'd']);
  });

  it('keeps events before every collection in a collection-less window that is never credited', () => {
    const result = deriveDeviceCycles([
      refurbished('r', on(2)),
      resold('s', on(3), 'o1'),
      collected('c', on(4)),
    ]);

    const uncollected = cycleOf(result, null);
    expect(result.cycles[0]).toBe(uncollected);
    expect(uncollected).toMatchObject({
      cycleId: `${DEVICE_ID}/uncollected`,
      collectionEventId: null,
      category: null,
      startsAt: null,
      endsBefore: on(4),
      state: 'pending-evidence',
      creditedResaleEventId: 's',
      credit: null,
    });
    expect(cycleOf(result, 'c').state).toBe('collected');
  });

  it('moves pending events into the cycle of a late collection dated before them', () => {
    const before = deriveDeviceCycles([refurbished('r', on(2)), resold('s', on(3), 'o1')]);
    expect(before.cycles.map((c) => [c.cycleId, c.state])).toEqual([
      [`${DEVICE_ID}/uncollected`, 'pending-evidence'],
    ]);

    const after = deriveDeviceCycles([
      refurbished('r', on(2)),
      resold('s', on(3), 'o1'),
      collected('c', on(1)),
    ]);

    expect(after.cycles.map((c) => [c.cycleId, c.state])).toEqual([[`${DEVICE_ID}/c`, 'eligible']]);
  });

  it('splits a window when a late collection lands inside it, keeping the earlier cycle id', () => {
    const history = [collected('c1', on(1)), refurbished('r1', on(5)), resold('s1', on(20), 'o1')];
    expect(cycleOf(deriveDeviceCycles(history), 'c1').state).toBe('eligible');

    const result = deriveDeviceCycles([...history, collected('c2', on(10))]);

    expect(cycleOf(result, 'c1')).toMatchObject({ state: 'refurbished', endsBefore: on(10), credit: null });
    // The resale now belongs to c2, which has no refurbishment of its own yet.
    expect(cycleOf(result, 'c2')).toMatchObject({ state: 'pending-evidence', creditedResaleEventId: 's1' });
  });

  it('orders collections at the same instant by id: the last one takes every event of that instant', () => {
    const result = deriveDeviceCycles([
      collected('c-b', on(1), { category: 'laptop' }),
      diagnosed('d', on(1)),
      collected('c-a', on(1)),
      refurbished('r', on(2)),
    ]);

    expect(result.cycles.map((c) => c.cycleId)).toEqual([`${DEVICE_ID}/c-a`, `${DEVICE_ID}/c-b`]);
    expect(cycleOf(result, 'c-a')).toMatchObject({ state: 'collected', startsAt: on(1), endsBefore: on(1) });
    expect(cycleOf(result, 'c-b').events.map((e) => e.eventId)).toEqual(['c-b', 'd', 'r']);
    expect(cycleOf(result, 'c-b').category).toBe('laptop');
  });
});
