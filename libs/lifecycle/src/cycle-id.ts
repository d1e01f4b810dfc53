/** Stable as late events arrive: it names the collection that opens the cycle, not a position. */
export function cycleIdOf(deviceId: string, collectionEventId: string | null): string {
  return `${deviceId}/${collectionEventId ?? 'uncollected'}`;
}
