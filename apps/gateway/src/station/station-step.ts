import type { DeviceCategory, PartName, TransportMode } from '../../../../libs/contracts/src/device-category';
import { PARTS_BY_CATEGORY } from '../../../../libs/contracts/src/device-parts';
import type { BenchDevice } from './bench-device';

/** The steps a bench records, and what each asks for. */
export type StationStep =
  | {
      type: 'device.diagnosed';
      outcome: 'refurbishable' | 'recycle';
      transport?: { mode: TransportMode; distanceKm: number };
    }
  | { type: 'device.repaired'; partsReplaced: PartName[] }
  | { type: 'device.refurbished'; grade: 'A' | 'B' | 'C'; erasureCertificateId: string }
  | { type: 'device.recycled' };

export type StationStepType = StationStep['type'];

/**
 * A step as queued in the browser: its event id and times are fixed once, so a resend is the same event.
 * The event's time is when the step was recorded at the bench, not when it reaches the server.
 */
export interface QueuedStep {
  eventId: string;
  deviceId: string;
  workshopId: string;
  /** When the device was scanned. */
  scannedAt: string;
  /** When the operator confirmed the step: the event's `time`. */
  recordedAt: string;
  step: StationStep;
}

/** The CloudEvent the page sends for a step; `source` is set by the gateway from the session. */
export function stepEvent(queued: QueuedStep): Record<string, unknown> {
  const { step } = queued;
  const { type, ...fields } = step;
  const data =
    type === 'device.recycled'
      ? { deviceId: queued.deviceId, recyclerId: queued.workshopId }
      : { deviceId: queued.deviceId, workshopId: queued.workshopId, ...fields };
  return {
    specversion: '1.0',
    id: queued.eventId,
    source: 'station',
    type,
    subject: queued.deviceId,
    time: queued.recordedAt,
    datacontenttype: 'application/json',
    data,
  };
}

/** Parts a repair of this category may name; none while the category is unknown (no collection yet). */
export function partsFor(category: DeviceCategory | null): readonly PartName[] {
  return category === null ? [] : PARTS_BY_CATEGORY[category];
}

/**
 * The steps that make sense for the device now: nothing after it was recycled; a repair only once
 * its category is known, since parts depend on it.
 */
export function stepsFor(device: BenchDevice): StationStepType[] {
  if (device.cycle?.state === 'recycled') return [];
  const steps: StationStepType[] = ['device.diagnosed'];
  if (device.category !== null) steps.push('device.repaired');
  steps.push('device.refurbished', 'device.recycled');
  return steps;
}
