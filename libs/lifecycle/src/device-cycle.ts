import { DeviceCategory } from '@refurb/contracts';
import { CreditEvidence } from './credit-evidence';
import { CycleEventRef } from './cycle-event-ref';
import { CycleAnomaly, CycleConflict } from './cycle-issue';
import { CycleState } from './cycle-state';

export interface DeviceCycle {
  /** `${deviceId}/${collectionEventId}`, or `${deviceId}/uncollected` for events before every collection. */
  cycleId: string;
  deviceId: string;
  collectionEventId: string | null;
  category: DeviceCategory | null;
  /** Inclusive start of the window: the collection time (null for the collection-less window). */
  startsAt: string | null;
  /** Exclusive end of the window: the next collection's time (null while this is the latest window). */
  endsBefore: string | null;
  state: CycleState;
  /** Earliest uncancelled resale; null when there is none or the cycle is recycled. */
  creditedResaleEventId: string | null;
  /** Every distinct event in the window, in event order. */
  events: readonly CycleEventRef[];
  conflicts: readonly CycleConflict[];
  anomalies: readonly CycleAnomaly[];
  /** Present exactly when `state` is `eligible`. */
  credit: CreditEvidence | null;
}

export interface DeviceCycles {
  deviceId: string;
  /** The collection-less window first (when it has events), then one cycle per collection in event order. */
  cycles: readonly DeviceCycle[];
}
