import { deriveDeviceCycles, DeviceCycle } from '@refurb/lifecycle';
import { collected, on, refurbished, resold } from '@refurb/lifecycle/testing/device-event-factory';
import { InvalidCursorError, pageOfDevice } from './device-page';

// Two cycles: c1 holds c1, r1, s1; c2 holds c2, r2.
const stored = [
  collected('c1', on(1)),
  refurbished('r1', on(2)),
  resold('s1', on(3), 'o1'),
  collected('c2', on(10)),
  refurbished('r2', on(11)),
];
const events = stored.map((event) => ({ eventId: event.id }));
const cycles: readonly DeviceCycle[] = deriveDeviceCycles(stored).cycles;
const eventIds = (list: readonly { eventId: string }[]) => list.map((e) => e.eventId);

describe('pageOfDevice', () => {
  it('shows a device smaller than the limit whole, with no next cursor', () => {
    const page = pageOfDevice(events, cycles, { limit: 100 });

    expect(eventIds(page.events)).toEqual(['c1', 'r1', 's1', 'c2', 'r2']);
    expect(page.cycles.map((cycle) => [eventIds(cycle.events), cycle.eventCount])).toEqual([
      [['c1', 'r1', 's1'], 3],
      [['c2', 'r2'], 2],
    ]);
    expect(page.page).toEqual({ limit: 100, totalEvents: 5 });
  });

  it('walks the events page by page, each with the cycles its events belong to', () => {
    const first = pageOfDevice(events, cycles, { limit: 2 });
    const second = pageOfDevice(events, cycles, { limit: 2, cursor: first.page.nextCursor });
    const third = pageOfDevice(events, cycles, { limit: 2, cursor: second.page.nextCursor });

    expect([first, second, third].map((page) => eventIds(page.events))).toEqual([
      ['c1', 'r1'],
      ['s1', 'c2'],
      ['r2'],
    ]);
    // The second page cuts across both cycles: each lists only its events on this page.
    expect(second.cycles.map((cycle) => [cycle.cycleId.split('/').pop(), eventIds(cycle.events)])).toEqual([
      ['c1', ['s1']],
      ['c2', ['c2']],
    ]);
    expect(second.cycles.map((cycle) => cycle.eventCount)).toEqual([3, 2]);
    expect(third.page.nextCursor).toBeUndefined();
    expect(third.page.totalEvents).toBe(5);
  });

  it('refuses a cursor that names no event of the device', () => {
    expect(() => pageOfDevice(events, cycles, { limit: 2, cursor: 'bm9wZQ' })).toThrow(InvalidCursorError);
  });
});
