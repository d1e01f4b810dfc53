import { deriveDeviceCycles } from './derive-device-cycles';
import {
  DEVICE_ID,
  collected,
  diagnosed,
  on,
  refurbished,
  repaired,
  resold,
  returned,
} from './testing/device-event-factory';
import { cycleOf } from './testing/cycle-lookup';

describe('credit evidence', () => {
  it('gathers everything downstream needs, in event order', () => {
    const result = deriveDeviceCycles([
      collected('c', on(1), { category: 'laptop', transport: { distanceKm: 450, mode: 'road' } }),
      diagnosed('d-no-leg', on(2)),
      diagnosed('d', on(2, 12), { transport: { distanceKm: 30, mode: 'rail' } }),
      repaired('p1', on(3), { partsReplaced: ['battery', 'keyboard'] }),
      refurbished('r-early', on(4), { workshopId: 'ws-early' }),
      refurbished('r', on(6), { workshopId: 'ws-9', erasureCertificateId: 'cert-77' }),
      resold('s-returned', on(7), 'o0'),
      returned('x', on(8), 'o0'),
      resold('s', on(10), 'o1', 'DE'),
      // Evidence recorded after the resale still lowers the figure: it happened in the cycle.
      repaired('p2', on(11), {
        partsReplaced: ['battery', 'battery'],
        transport: { distanceKm: 5, mode: 'road' },
      }),
      refurbished('r-late', on(12), { transport: { distanceKm: 12, mode: 'air' } }),
    ]);

    expect(cycleOf(result, 'c').credit).toEqual({
      deviceId: DEVICE_ID,
      cycleId: `${DEVICE_ID}/c`,
      category: 'laptop',
      collectionEventId: 'c',
      refurbishmentEventId: 'r',
      workshopId: 'ws-9',
      erasureCertificateId: 'cert-77',
      creditedResaleEventId: 's',
      orderId: 'o1',
      country: 'DE',
      vintage: 2024,
      evidenceEvents: [
        { eventId: 'c', type: 'device.collected', time: on(1) },
        { eventId: 'd', type: 'device.diagnosed', time: on(2, 12) },
        { eventId: 'p1', type: 'device.repaired', time: on(3) },
        { eventId: 'r', type: 'device.refurbished', time: on(6) },
        { eventId: 's', type: 'device.resold', time: on(10) },
        { eventId: 'p2', type: 'device.repaired', time: on(11) },
        { eventId: 'r-late', type: 'device.refurbished', time: on(12) },
      ],
      partsReplaced: [
        { eventId: 'p1', part: 'battery' },
        { eventId: 'p1', part: 'keyboard' },
        { eventId: 'p2', part: 'battery' },
        { eventId: 'p2', part: 'battery' },
      ],
      legs: [
        { eventId: 'c', distanceKm: 450, mode: 'road' },
        { eventId: 'd', distanceKm: 30, mode: 'rail' },
        { eventId: 'p2', distanceKm: 5, mode: 'road' },
        { eventId: 'r-late', distanceKm: 12, mode: 'air' },
      ],
    });
  });

  it('takes the largest id among refurbishments at the same latest instant', () => {
    const result = deriveDeviceCycles([
      collected('c', on(1)),
      refurbished('r-b', on(5), { workshopId: 'ws-b' }),
      refurbished('r-a', on(5), { workshopId: 'ws-a' }),
      resold('s', on(6), 'o1'),
    ]);

    expect(cycleOf(result, 'c').credit).toMatchObject({ refurbishmentEventId: 'r-b', workshopId: 'ws-b' });
  });

  it('counts an exact duplicate repair once', () => {
    const repair = repaired('p', on(2), {
      partsReplaced: ['screen'],
      transport: { distanceKm: 1, mode: 'road' },
    });
    const result = deriveDeviceCycles([
      collected('c', on(1)),
      repair,
      { ...repair, data: { ...repair.data } },
      refurbished('r', on(3)),
      resold('s', on(4), 'o1'),
    ]);

    const credit = cycleOf(result, 'c').credit;
    expect(credit?.partsReplaced).toEqual([{ eventId: 'p', part: 'screen' }]);
    expect(credit?.legs).toEqual([{ eventId: 'p', distanceKm: 1, mode: 'road' }]);
  });

  it.each([
    ['2024-12-31T23:59:59.999Z', 2024],
    ['2025-01-01T00:00:00.000Z', 2025],
  ])('takes the vintage from the UTC year of the credited resale (%s)', (time, vintage) => {
    const result = deriveDeviceCycles([
      collected('c', on(1)),
      refurbished('r', on(2)),
      resold('s', time, 'o1'),
    ]);

    expect(cycleOf(result, 'c').credit?.vintage).toBe(vintage);
  });
});
