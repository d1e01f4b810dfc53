// Relative, not the library's index: the station page bundles this file for the browser.
import type { DeviceCategory } from '../../../../libs/contracts/src/device-category';
import type { DeviceEventType } from '../../../../libs/contracts/src/device-event';

/** What the gateway reads of the tracker's GET /v1/devices/{id} (the fields benchDevice uses). */
export interface TrackerDeviceView {
  deviceId: string;
  events: { eventId: string; type: DeviceEventType; time: string; workshopId: string | null }[];
  cycles: {
    cycleId: string;
    collectionEventId: string | null;
    category: DeviceCategory | null;
    startsAt: string | null;
    state: string;
    events: readonly { eventId: string; type: DeviceEventType; time: string }[];
    anomalies: readonly { code: string }[];
  }[];
}

/** What the current cycle still lacks before it can earn a credit, as codes the page words. */
export const MISSING_FOR_CREDIT = [
  'NO_COLLECTION',
  'NO_REFURBISHMENT',
  'NO_RESALE',
  'RECYCLED',
  'PART_NOT_IN_CATEGORY',
] as const;
export type MissingForCredit = (typeof MISSING_FOR_CREDIT)[number];

export interface BenchTimelineEntry {
  eventId: string;
  type: DeviceEventType;
  time: string;
  /** The workshop (or recycler) the event names; null for collection and resale events. */
  workshopId: string | null;
}

/**
 * A device as the bench sees it: its category, current cycle, timeline and what is missing for a
 * credit. Deliberately not the tracker's view: no sources (partner ids), order ids or certificate ids.
 */
export interface BenchDevice {
  deviceId: string;
  /** From the latest collection; null when none was recorded (parts cannot be offered then). */
  category: DeviceCategory | null;
  cycle: { state: string; startsAt: string | null } | null;
  timeline: BenchTimelineEntry[];
  missingForCredit: MissingForCredit[];
}

/** A device with no event yet: a bench may still diagnose it (collection comes later, or never). */
export function unknownBenchDevice(deviceId: string): BenchDevice {
  return {
    deviceId,
    category: null,
    cycle: null,
    timeline: [],
    missingForCredit: ['NO_COLLECTION', 'NO_REFURBISHMENT', 'NO_RESALE'],
  };
}

export function benchDevice(view: TrackerDeviceView): BenchDevice {
  // The latest cycle is the one on the bench: cycles are sorted by start, collection-less first.
  const cycle = view.cycles[view.cycles.length - 1];
  const categorised = [...view.cycles].reverse().find((candidate) => candidate.category !== null);
  return {
    deviceId: view.deviceId,
    category: categorised?.category ?? null,
    cycle: cycle ? { state: cycle.state, startsAt: cycle.startsAt } : null,
    timeline: view.events.map(({ eventId, type, time, workshopId }) => ({ eventId, type, time, workshopId })),
    missingForCredit: cycle ? missingForCredit(cycle) : unknownBenchDevice(view.deviceId).missingForCredit,
  };
}

function missingForCredit(cycle: TrackerDeviceView['cycles'][number]): MissingForCredit[] {
  if (cycle.state === 'eligible') return [];
  if (cycle.state === 'recycled') return ['RECYCLED'];
  const types = new Set(cycle.events.map((event) => event.type));
  const missing: MissingForCredit[] = [];
  if (cycle.collectionEventId === null) missing.push('NO_COLLECTION');
  if (!types.has('device.refurbished')) missing.push('NO_REFURBISHMENT');
  if (!types.has('device.resold')) missing.push('NO_RESALE');
  if (cycle.anomalies.some((anomaly) => anomaly.code === 'CYCLE.PART_NOT_IN_CATEGORY')) {
    missing.push('PART_NOT_IN_CATEGORY');
  }
  return missing;
}
