import { DeviceEventType, PartnerScope } from '@refurb/contracts';

/** What a bench records: the event types a workshop key must be allowed for the scan station. */
export const STATION_EVENT_TYPES: readonly DeviceEventType[] = [
  'device.diagnosed',
  'device.repaired',
  'device.refurbished',
  'device.recycled',
];

/**
 * The workshop a key signs a station in as, or undefined when the key is not a workshop key: its
 * partner must be scoped to exactly one workshop (a `*` scope names none in particular) and allowed
 * every type the bench records. The station writes that workshop into every step it records.
 */
export function stationWorkshopOf(scope: PartnerScope): string | undefined {
  if (scope.workshopIds === '*' || scope.workshopIds.size !== 1) return undefined;
  if (!STATION_EVENT_TYPES.every((type) => scope.eventTypes.has(type))) return undefined;
  const [workshopId] = scope.workshopIds;
  return workshopId;
}
