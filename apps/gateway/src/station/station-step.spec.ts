import { validateDeviceEvent } from '@refurb/contracts';
import { unknownBenchDevice } from './bench-device';
import { partsFor, QueuedStep, StationStep, stepEvent, stepsFor } from './station-step';

const queued = (step: StationStep): QueuedStep => ({
  eventId: '3f1c6d0e-2b7a-4c55-9a0e-5b2d8f1e4c21',
  deviceId: 'imei:490154203237518',
  workshopId: 'ws-lyon',
  scannedAt: '2025-03-02T09:30:00.000Z',
  recordedAt: '2025-03-02T09:35:00.000Z',
  step,
});

describe('station steps', () => {
  it.each<StationStep>([
    { type: 'device.diagnosed', outcome: 'refurbishable', transport: { mode: 'road', distanceKm: 120 } },
    { type: 'device.repaired', partsReplaced: ['battery', 'screen'] },
    { type: 'device.refurbished', grade: 'A', erasureCertificateId: 'ERASE-42' },
    { type: 'device.recycled' },
  ])('builds a %p event the contracts accept', (step) => {
    const result = validateDeviceEvent(stepEvent(queued(step)), { now: new Date('2025-03-02T10:00:00Z') });
    expect(result).toMatchObject({ ok: true });
  });

  it('offers only the parts of the category, and none while it is unknown', () => {
    expect(partsFor('monitor')).toEqual(['screen', 'housing', 'port', 'other']);
    expect(partsFor(null)).toEqual([]);
  });

  it('offers no repair without a category and nothing once recycled', () => {
    const unknown = unknownBenchDevice('imei:490154203237518');
    expect(stepsFor(unknown)).toEqual(['device.diagnosed', 'device.refurbished', 'device.recycled']);
    expect(stepsFor({ ...unknown, category: 'laptop' })).toContain('device.repaired');
    expect(stepsFor({ ...unknown, cycle: { state: 'recycled', startsAt: null } })).toEqual([]);
  });
});
