import { deriveDeviceCycles } from './derive-device-cycles';
import { collected, on, refurbished, resold, returned } from './testing/device-event-factory';
import { cycleOf } from './testing/cycle-lookup';

const refurbishedDevice = [collected('c', on(1)), refurbished('r', on(5))];

describe('returns and re-sale', () => {
  it('reverses eligibility when the credited resale is returned', () => {
    const result = deriveDeviceCycles([
      ...refurbishedDevice,
      resold('s1', on(10), 'o1'),
      returned('x1', on(12), 'o1'),
    ]);

    expect(cycleOf(result, 'c')).toMatchObject({
      state: 'refurbished',
      creditedResaleEventId: null,
      credit: null,
      conflicts: [],
      anomalies: [],
    });
  });

  it('credits a later resale in the same cycle once the first one is returned', () => {
    const result = deriveDeviceCycles([
      ...refurbishedDevice,
      resold('s1', on(10), 'o1'),
      returned('x1', on(12), 'o1'),
      resold('s2', on(20), 'o2', 'BE'),
    ]);

    const cycle = cycleOf(result, 'c');
    expect(cycle.state).toBe('eligible');
    expect(cycle.credit).toMatchObject({ creditedResaleEventId: 's2', orderId: 'o2', country: 'BE' });
    expect(cycle.conflicts).toEqual([]);
  });

  it('cancels every resale of the returned order, a re-sent resale included', () => {
    const result = deriveDeviceCycles([
      ...refurbishedDevice,
      resold('s1', on(10), 'o1'),
      resold('s1-again', on(10, 11), 'o1'),
      returned('x1', on(12), 'o1'),
    ]);

    expect(cycleOf(result, 'c')).toMatchObject({ state: 'refurbished', conflicts: [] });
  });

  it('records a return with no matching resale as an anomaly without changing the credit', () => {
    const result = deriveDeviceCycles([
      ...refurbishedDevice,
      resold('s1', on(10), 'o1'),
      returned('x9', on(12), 'o9'),
    ]);

    const cycle = cycleOf(result, 'c');
    expect(cycle.state).toBe('eligible');
    expect(cycle.anomalies).toEqual([{ code: 'CYCLE.RETURN_WITHOUT_RESALE', eventId: 'x9', orderId: 'o9' }]);
  });

  it('still cancels a resale when the return is dated before it, and flags the dates', () => {
    const result = deriveDeviceCycles([
      ...refurbishedDevice,
      resold('s1', on(10), 'o1'),
      returned('x1', on(8), 'o1'),
    ]);

    const cycle = cycleOf(result, 'c');
    expect(cycle.state).toBe('refurbished');
    expect(cycle.anomalies).toEqual([
      { code: 'CYCLE.RETURN_BEFORE_RESALE', eventId: 'x1', resaleEventId: 's1', orderId: 'o1' },
    ]);
  });

  it('matches returns per device: a return dated in the next cycle cancels its order in the previous one', () => {
    const result = deriveDeviceCycles([
      ...refurbishedDevice,
      resold('s1', on(10), 'o1'),
      collected('c2', on(20)),
      returned('x1', on(25), 'o1'),
    ]);

    expect(cycleOf(result, 'c')).toMatchObject({ state: 'refurbished', credit: null });
    expect(cycleOf(result, 'c2')).toMatchObject({ state: 'collected', anomalies: [] });
  });
});
