import { DeviceCycle, DeviceCycles } from '../device-cycle';
import { DEVICE_ID } from './device-event-factory';

/** The cycle opened by `collectionEventId` (null: the collection-less window); fails the spec if absent. */
export function cycleOf(
  result: DeviceCycles,
  collectionEventId: string | null,
  deviceId = DEVICE_ID,
): DeviceCycle {
  const cycleId = `${deviceId}/${collectionEventId ?? 'uncollected'}`;
  const cycle = result.cycles.find((c) => c.cycleId === cycleId);
  if (cycle === undefined) {
    throw new Error(`no cycle ${cycleId}; have ${result.cycles.map((c) => c.cycleId).join(', ')}`);
  }
  return cycle;
}
