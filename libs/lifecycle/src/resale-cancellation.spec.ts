import { CycleAnomaly } from './cycle-issue';
import { deriveDeviceCycles } from './derive-device-cycles';
import { EventOfType, orderDistinctEvents, TimedEvent } from './event-order';
import { matchReturnsToResales, ResaleCancellation } from './resale-cancellation';
import { collected, on, refurbished, resold, returned } from './testing/device-event-factory';
import { cycleOf } from './testing/cycle-lookup';
import { randomDeviceHistory } from './testing/random-device-history';
import { SeededRandom } from './testing/seeded-random';

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

describe('returns dated before their resale', () => {
  const returnBeforeResale = (eventId: string, resaleEventId: string, orderId = 'o1') => ({
    code: 'CYCLE.RETURN_BEFORE_RESALE',
    eventId,
    resaleEventId,
    orderId,
  });

  it('flags a return dated before two resales of its order against each of them', () => {
    const result = deriveDeviceCycles([
      ...refurbishedDevice,
      returned('x1', on(8), 'o1'),
      resold('s1', on(10), 'o1'),
      resold('s2', on(11), 'o1'),
    ]);

    expect(cycleOf(result, 'c').anomalies).toEqual([
      returnBeforeResale('x1', 's1'),
      returnBeforeResale('x1', 's2'),
    ]);
  });

  it('flags two returns dated before one resale each against it', () => {
    const result = deriveDeviceCycles([
      ...refurbishedDevice,
      returned('x1', on(7), 'o1'),
      returned('x2', on(8), 'o1'),
      resold('s1', on(10), 'o1'),
    ]);

    expect(cycleOf(result, 'c').anomalies).toEqual([
      returnBeforeResale('x1', 's1'),
      returnBeforeResale('x2', 's1'),
    ]);
  });

  it('names every misdated return and resale once at least, not every pair, when both repeat', () => {
    // Both returns precede both resales: 4 misdated pairs. Each return is flagged with its first later
    // resale (x1-s1, x2-s1), each resale with its last earlier return (x2-s1, x2-s2): 3 findings.
    const result = deriveDeviceCycles([
      ...refurbishedDevice,
      returned('x1', on(7), 'o1'),
      returned('x2', on(8), 'o1'),
      resold('s1', on(10), 'o1'),
      resold('s2', on(11), 'o1'),
    ]);

    expect(cycleOf(result, 'c').anomalies).toEqual([
      returnBeforeResale('x1', 's1'),
      returnBeforeResale('x2', 's1'),
      returnBeforeResale('x2', 's2'),
    ]);
  });

  it('keeps 3,000 returns and 3,000 resales of one order to a linear number of findings', () => {
    const returns = Array.from({ length: 3_000 }, (_, i) => returned(`x${i}`, on(6, 0, i % 60), 'o1'));
    const resales = Array.from({ length: 3_000 }, (_, i) => resold(`s${i}`, on(10, 0, i % 60), 'o1'));

    const cycle = cycleOf(deriveDeviceCycles([...refurbishedDevice, ...resales, ...returns]), 'c');

    // Every return precedes every resale: 9,000,000 misdated pairs. Findings: each of the 3,000 returns
    // with the first resale, each of the 3,000 resales with the last return, x2999-s0 counted once:
    // 3,000 + 3,000 - 1 = 5,999. Every resale is cancelled, so nothing is credited and nothing conflicts.
    expect(cycle.anomalies).toHaveLength(5_999);
    expect(new Set(cycle.anomalies.map((anomaly) => anomaly.code))).toEqual(
      new Set(['CYCLE.RETURN_BEFORE_RESALE']),
    );
    expect(cycle).toMatchObject({ state: 'refurbished', credit: null, conflicts: [] });
    expect(cycle.events).toHaveLength(6_002);
  });
});

describe('matchReturnsToResales against every misdated pair', () => {
  const random = new SeededRandom(0x5eed_2025);
  const histories = Array.from({ length: 2_000 }, (_, i) => randomDeviceHistory(random, i))
    .filter((history) => history.length > 0)
    .map((history) => orderDistinctEvents(history));
  const pairsOf = (anomalies: ReadonlyMap<string, readonly CycleAnomaly[]>) =>
    [...anomalies.values()].flat().map((anomaly) => JSON.stringify(anomaly));
  /** An order with two returns and two resales or more: only there may the findings be fewer than the pairs. */
  const repeatsBothSides = (ordered: readonly TimedEvent[]) => {
    const counts = new Map<string, { resales: number; returns: number }>();
    for (const { event } of ordered) {
      if (event.type !== 'device.resold' && event.type !== 'device.returned') continue;
      const count = counts.get(event.data.orderId) ?? { resales: 0, returns: 0 };
      if (event.type === 'device.resold') count.resales++;
      else count.returns++;
      counts.set(event.data.orderId, count);
    }
    return [...counts.values()].some(({ resales, returns }) => resales > 1 && returns > 1);
  };

  it('finds the same cancellations and findings as the pairwise rule, fewer only where both sides repeat', () => {
    let identical = 0;
    let covered = 0;
    for (const ordered of histories) {
      const linear = matchReturnsToResales(ordered);
      const pairwise = everyMisdatedPair(ordered);
      expect([...linear.cancelledResaleIds].sort()).toEqual([...pairwise.cancelledResaleIds].sort());
      if (!repeatsBothSides(ordered)) {
        expect(linear.anomaliesByReturnId).toEqual(pairwise.anomaliesByReturnId);
        identical++;
        continue;
      }
      const found = pairsOf(linear.anomaliesByReturnId);
      const every = pairsOf(pairwise.anomaliesByReturnId);
      expect(every).toEqual(expect.arrayContaining(found));
      const named = (list: string[]) =>
        new Set(
          list.flatMap((json) => {
            const anomaly = JSON.parse(json) as { eventId: string; resaleEventId?: string };
            return [anomaly.eventId, anomaly.resaleEventId ?? ''];
          }),
        );
      expect(named(found)).toEqual(named(every));
      covered++;
    }
    // Both branches ran on enough histories to mean something.
    expect(identical).toBeGreaterThan(1_000);
    expect(covered).toBeGreaterThan(20);
  });
});

/** The rule as it was first written: one finding per misdated (return, resale) pair, n × m of them. */
function everyMisdatedPair(ordered: readonly TimedEvent[]): ResaleCancellation {
  const resales = ordered.filter(
    (e): e is TimedEvent<EventOfType<'device.resold'>> => e.event.type === 'device.resold',
  );
  const cancelledResaleIds = new Set<string>();
  const anomaliesByReturnId = new Map<string, CycleAnomaly[]>();
  for (const ret of ordered) {
    if (ret.event.type !== 'device.returned') continue;
    const { orderId } = ret.event.data;
    const sameOrder = resales.filter((resale) => resale.event.data.orderId === orderId);
    const anomalies: CycleAnomaly[] = [];
    if (sameOrder.length === 0) {
      anomalies.push({ code: 'CYCLE.RETURN_WITHOUT_RESALE', eventId: ret.event.id, orderId });
    }
    for (const resale of sameOrder) {
      cancelledResaleIds.add(resale.event.id);
      if (ret.at < resale.at) {
        anomalies.push({
          code: 'CYCLE.RETURN_BEFORE_RESALE',
          eventId: ret.event.id,
          resaleEventId: resale.event.id,
          orderId,
        });
      }
    }
    if (anomalies.length > 0) anomaliesByReturnId.set(ret.event.id, anomalies);
  }
  return { cancelledResaleIds, anomaliesByReturnId };
}
