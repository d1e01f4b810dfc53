import { TimedEvent, EventOfType, eventsOfType } from './event-order';

/** The events of one cycle's time window, before any rule is applied. */
export interface CycleWindow {
  /** Null for the collection-less window (events earlier than every collection). */
  collection: TimedEvent<EventOfType<'device.collected'>> | null;
  /** Exclusive end: the next collection in event order, if any. */
  next: TimedEvent<EventOfType<'device.collected'>> | null;
  /** Every event of the window, the collection included, in event order. */
  events: TimedEvent[];
}

/**
 * Splits a device's ordered, distinct events into windows [collection time, next collection time).
 * Collections at the same instant are ordered by id: the earlier ones get an empty window and every
 * other event at that instant or later goes to the last of them, so the split never depends on arrival.
 * The collection-less window is returned first, and only when it has events.
 */
export function splitIntoWindows(ordered: readonly TimedEvent[]): CycleWindow[] {
  const collections = eventsOfType(ordered, 'device.collected');
  const uncollected: CycleWindow = { collection: null, next: collections[0] ?? null, events: [] };
  const windows: CycleWindow[] = collections.map((collection, i) => ({
    collection,
    next: collections[i + 1] ?? null,
    events: [],
  }));
  let collectionsSeen = 0;
  for (const item of ordered) {
    // `collections` keeps the order of `ordered`, so the n-th collection met opens window n.
    if (item.event.type === 'device.collected') {
      windows[collectionsSeen++].events.push(item);
      continue;
    }
    const owner = lastCollectionAtOrBefore(collections, item.at);
    (owner < 0 ? uncollected : windows[owner]).events.push(item);
  }
  return uncollected.events.length > 0 ? [uncollected, ...windows] : windows;
}

/** Index of the last collection (in event order) whose time is <= `at`; -1 when none. */
function lastCollectionAtOrBefore(collections: readonly TimedEvent[], at: number): number {
  let low = 0;
  let high = collections.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (collections[mid].at <= at) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}
