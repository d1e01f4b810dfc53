import { AnyDeviceEvent } from '@refurb/contracts';
import { WORKSHOPS } from '../network/workshops';
import { RESALE_CHANNELS } from '../network/resale-channels';
import { COLLECTION_SITES } from '../network/collection-sites';
import { expectedCycleOutcome } from './cycle-outcome';
import { DeviceEventFactory } from './device-event-factory';

const factory = new DeviceEventFactory('imei:353325091234561', 'TAG001');
const [paris, , berlin] = WORKSHOPS;
const [backmarket] = RESALE_CHANNELS;
const day = (n: number) => Date.parse('2025-03-01T10:00:00Z') + n * 86_400_000;
const collected = factory.collected(1, day(0), COLLECTION_SITES[0], {
  category: 'smartphone',
  brand: 'Apple',
  model: 'iPhone 12',
});
const refurbished = factory.refurbished(1, day(5), paris, 'A');
const sale = (n: number, letter: number) => {
  const orderId = factory.orderId(backmarket, 1, letter, day(n));
  return { orderId, event: factory.resold(day(n), backmarket, orderId, 'FR') };
};

describe('expectedCycleOutcome', () => {
  it('credits the earliest uncancelled resale, with the workshop country and the resale year', () => {
    const first = sale(10, 0);
    const returned = factory.returned(day(15), backmarket, first.orderId, 'Rétractation');
    const second = sale(30, 1);
    const outcome = expectedCycleOutcome(
      [collected, refurbished, first.event, returned, second.event],
      paris,
    );
    expect(outcome).toEqual({
      state: 'credit-eligible',
      workshopId: 'ws-paris-01',
      country: 'FR',
      creditedResaleEventId: second.event.id,
      vintage: 2025,
      conflictingResales: 0,
    });
  });

  it('counts a second uncancelled resale as a conflicting claim', () => {
    const events: AnyDeviceEvent[] = [collected, refurbished, sale(10, 0).event, sale(11, 1).event];
    expect(expectedCycleOutcome(events, berlin)).toMatchObject({
      state: 'credit-eligible',
      country: 'DE',
      conflictingResales: 1,
    });
  });

  it('tells returned, recycled and unfinished cycles apart', () => {
    const first = sale(10, 0);
    const returned = factory.returned(day(15), backmarket, first.orderId, 'Rétractation');
    expect(expectedCycleOutcome([collected, refurbished, first.event, returned], paris).state).toBe(
      'returned',
    );
    expect(expectedCycleOutcome([collected, factory.recycled(1, day(3), paris)], paris).state).toBe(
      'recycled',
    );
    expect(expectedCycleOutcome([collected, refurbished], paris)).toMatchObject({
      state: 'in-progress',
      vintage: null,
    });
  });
});
