import { benchDevice, TrackerDeviceView } from './bench-device';

const DEVICE = 'imei:490154203237518';
const collected = { eventId: 'c1', type: 'device.collected' as const, time: '2025-03-01T10:00:00.000Z' };
const refurbished = { eventId: 'f1', type: 'device.refurbished' as const, time: '2025-03-03T10:00:00.000Z' };

function view(cycle: Partial<TrackerDeviceView['cycles'][number]>): TrackerDeviceView {
  const events = cycle.events ?? [collected];
  return {
    deviceId: DEVICE,
    events: events.map((event) => ({
      ...event,
      workshopId: event.type === 'device.collected' ? null : 'ws-1',
      // What the tracker also sends and the bench must not pass on:
      source: 'partners/other',
    })),
    cycles: [
      {
        cycleId: `${DEVICE}/c1`,
        collectionEventId: 'c1',
        category: 'smartphone',
        startsAt: collected.time,
        state: 'collected',
        events,
        anomalies: [],
        ...cycle,
      },
    ],
  };
}

describe('benchDevice', () => {
  it('gives category, state, timeline without sources, and what a collected device lacks', () => {
    const device = benchDevice(view({}));
    expect(device).toEqual({
      deviceId: DEVICE,
      category: 'smartphone',
      cycle: { state: 'collected', startsAt: collected.time },
      timeline: [{ ...collected, workshopId: null }],
      missingForCredit: ['NO_REFURBISHMENT', 'NO_RESALE'],
    });
    expect(JSON.stringify(device)).not.toContain('partners/other');
  });

  it('says a collection-less cycle needs its collection', () => {
    const device = benchDevice(
      view({ collectionEventId: null, category: null, events: [refurbished], state: 'pending-evidence' }),
    );
    expect(device.category).toBeNull();
    expect(device.missingForCredit).toEqual(['NO_COLLECTION', 'NO_RESALE']);
  });

  it('lacks nothing once eligible, and can never be credited once recycled', () => {
    expect(benchDevice(view({ state: 'eligible' })).missingForCredit).toEqual([]);
    expect(benchDevice(view({ state: 'recycled' })).missingForCredit).toEqual(['RECYCLED']);
  });

  it('names a part that does not exist for the category', () => {
    const device = benchDevice(
      view({
        state: 'blocked',
        anomalies: [{ code: 'CYCLE.PART_NOT_IN_CATEGORY' }],
        events: [collected, refurbished],
      }),
    );
    expect(device.missingForCredit).toEqual(['NO_RESALE', 'PART_NOT_IN_CATEGORY']);
  });
});
