import { CodedError } from '@refurb/contracts';
import { CycleEventRef, DeviceCycle } from '@refurb/lifecycle';

/** Events per page of GET /v1/devices/{id} unless `limit` says otherwise, and the most it may say. */
export const DEVICE_PAGE_DEFAULT_LIMIT = 100;
export const DEVICE_PAGE_MAX_LIMIT = 1_000;

export interface PageRequest {
  limit: number;
  /** The opaque `cursor` of the previous page's `page.nextCursor`; absent for the first page. */
  cursor?: string;
}

export interface PageInfo {
  limit: number;
  /** Every stored event of the device, over all pages. */
  totalEvents: number;
  /** Present when more events follow: pass it as `cursor` to get them. */
  nextCursor?: string;
  /** The next page's path, with `limit` and `cursor`, when there is one. */
  next?: string;
}

/** A cycle as one page shows it: only the page's events, and how many the whole cycle has. */
export type PagedCycle<C extends DeviceCycle> = C & { eventCount: number };

export interface DevicePage<E, C extends DeviceCycle> {
  events: E[];
  cycles: PagedCycle<C>[];
  page: PageInfo;
}

export class InvalidCursorError extends CodedError<'QUERY.INVALID_CURSOR'> {
  constructor(cursor: string) {
    super('QUERY.INVALID_CURSOR', `cursor ${JSON.stringify(cursor)} names no event of this device`);
  }
}

/**
 * One page of a device's events, in event order, with the cycles they belong to. The cursor names the
 * last event of the previous page: events are never deleted, so the next page starts right after it
 * and an event stored meanwhile before it is simply not shown again, as with any keyset cursor.
 */
export function pageOfDevice<E extends { eventId: string }, C extends DeviceCycle>(
  events: readonly E[],
  cycles: readonly C[],
  request: PageRequest,
): DevicePage<E, C> {
  const start = request.cursor === undefined ? 0 : indexAfter(events, request.cursor);
  const shown = events.slice(start, start + request.limit);
  const shownIds = new Set(shown.map((event) => event.eventId));
  const pagedCycles = cycles.flatMap((cycle): PagedCycle<C>[] => {
    const cycleEvents = cycle.events.filter((ref: CycleEventRef) => shownIds.has(ref.eventId));
    return cycleEvents.length === 0
      ? []
      : [{ ...cycle, events: cycleEvents, eventCount: cycle.events.length }];
  });
  const more = start + shown.length < events.length;
  return {
    events: shown,
    cycles: pagedCycles,
    page: {
      limit: request.limit,
      totalEvents: events.length,
      ...(more ? { nextCursor: encodeCursor(shown[shown.length - 1].eventId) } : {}),
    },
  };
}

function indexAfter(events: readonly { eventId: string }[], cursor: string): number {
  const eventId = decodeCursor(cursor);
  const at = events.findIndex((event) => event.eventId === eventId);
  if (at < 0) throw new InvalidCursorError(cursor);
  return at + 1;
}

function encodeCursor(eventId: string): string {
  return Buffer.from(eventId, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}
