import { AnyDeviceEvent } from '@refurb/contracts';
import { eventsFor, on } from '@refurb/lifecycle/testing/device-event-factory';
import { AdmittedEvent } from './event-admission';
import { applyHistoryLimits, historySizesOf, StoredHistorySizes } from './history-limits';

const limits = { eventsPerDevice: 5, eventsPerOrder: 3 };
const a = eventsFor('serial:acme:DEVICE-A');
const b = eventsFor('serial:acme:DEVICE-B');

function candidate(event: AnyDeviceEvent): AdmittedEvent {
  const message = {
    topic: 'devices.resale.v1',
    partition: 0,
    offset: '0',
    key: null,
    value: null,
    headers: {},
    timestamp: '0',
  };
  return { message, event, hash: event.id };
}

function stored(
  devices: Record<string, number> = {},
  orders: Record<string, number> = {},
): StoredHistorySizes {
  return {
    eventsOf: (deviceId) => devices[deviceId] ?? 0,
    orderEventsOf: (deviceId, orderId) => orders[`${deviceId} ${orderId}`] ?? 0,
  };
}

const idsOf = (events: readonly AdmittedEvent[]) => events.map((c) => c.event.id);

describe('applyHistoryLimits', () => {
  it('takes events up to the device limit, counting those stored, and refuses the rest with the device code', () => {
    // 3 stored + 2 taken = 5, the limit: the third and fourth candidates are refused.
    const fresh = ['d1', 'd2', 'd3', 'd4'].map((id, i) => candidate(a.diagnosed(id, on(i + 1))));

    const { within, overLimit } = applyHistoryLimits(fresh, stored({ 'serial:acme:DEVICE-A': 3 }), limits);

    expect(idsOf(within)).toEqual(['d1', 'd2']);
    expect(overLimit.map(({ candidate: c, reason }) => [c.event.id, reason.code])).toEqual([
      ['d3', 'TRACKER.DEVICE_HISTORY_LIMIT'],
      ['d4', 'TRACKER.DEVICE_HISTORY_LIMIT'],
    ]);
  });

  it('counts each device apart', () => {
    const fresh = [
      ...['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((id) => candidate(a.diagnosed(id, on(1)))),
      candidate(b.diagnosed('b1', on(1))),
    ];

    const { within, overLimit } = applyHistoryLimits(fresh, stored(), limits);

    expect(idsOf(within)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'b1']);
    expect(idsOf(overLimit.map((o) => o.candidate))).toEqual(['a6']);
  });

  it('limits the resales and returns of one order of one device, whatever the device has room for', () => {
    // Order o1 holds 2 stored: one more fits. o2 and device B's o1 have room of their own.
    const fresh = [
      candidate(a.resold('s1', on(1), 'o1')),
      candidate(a.returned('x1', on(2), 'o1')),
      candidate(a.resold('s2', on(3), 'o2')),
      candidate(b.returned('y1', on(3), 'o1')),
    ];

    const { within, overLimit } = applyHistoryLimits(
      fresh,
      stored({}, { 'serial:acme:DEVICE-A o1': 2 }),
      limits,
    );

    expect(idsOf(within)).toEqual(['s1', 's2', 'y1']);
    expect(overLimit).toHaveLength(1);
    expect(overLimit[0].candidate.event.id).toBe('x1');
    expect(overLimit[0].reason).toMatchObject({ code: 'TRACKER.ORDER_HISTORY_LIMIT', field: 'data.orderId' });
  });

  it('gives the room an event refused for its order to the events after it', () => {
    // Device limit 5, 3 stored: the refused x1 takes no room, so d1 and d2 both fit.
    const fresh = [
      candidate(a.returned('x1', on(1), 'o1')),
      candidate(a.diagnosed('d1', on(2))),
      candidate(a.diagnosed('d2', on(3))),
    ];

    const { within } = applyHistoryLimits(
      fresh,
      stored({ 'serial:acme:DEVICE-A': 3 }, { 'serial:acme:DEVICE-A o1': 3 }),
      limits,
    );

    expect(idsOf(within)).toEqual(['d1', 'd2']);
  });
});

describe('historySizesOf', () => {
  const histories = new Map<string, AnyDeviceEvent[]>([
    [
      'serial:acme:DEVICE-A',
      [
        a.diagnosed('d1', on(1)),
        a.resold('s1', on(2), 'o1'),
        a.returned('r1', on(3), 'o1'),
        a.resold('s2', on(4), 'o2'),
      ],
    ],
  ]);
  const sizes = historySizesOf(histories);

  it('counts every stored event of a device, and nothing for a device with no history', () => {
    expect(sizes.eventsOf('serial:acme:DEVICE-A')).toBe(4);
    expect(sizes.eventsOf('serial:acme:DEVICE-B')).toBe(0);
  });

  it("counts an order's resales and returns on its own device only", () => {
    expect(sizes.orderEventsOf('serial:acme:DEVICE-A', 'o1')).toBe(2);
    expect(sizes.orderEventsOf('serial:acme:DEVICE-A', 'o2')).toBe(1);
    expect(sizes.orderEventsOf('serial:acme:DEVICE-A', 'o3')).toBe(0);
    expect(sizes.orderEventsOf('serial:acme:DEVICE-B', 'o1')).toBe(0);
  });
});
