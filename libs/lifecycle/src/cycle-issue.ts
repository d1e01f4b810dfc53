import { DeviceCategory, PartName } from '@refurb/contracts';

/** A second claim on the same cycle: recorded with both event ids, never credited. */
export type CycleConflict =
  | { code: 'CYCLE.CONFLICTING_RESALE'; creditedEventId: string; conflictingEventId: string }
  // Named "in" rather than "after": a resale dated before the recycling is just as conflicting.
  | { code: 'CYCLE.RESALE_IN_RECYCLED_CYCLE'; recycledEventId: string; conflictingEventId: string };

/** Data-quality findings; only `CYCLE.PART_NOT_IN_CATEGORY` changes what is credited (the cycle is blocked). */
export type CycleAnomaly =
  | {
      code: 'CYCLE.PART_NOT_IN_CATEGORY';
      eventId: string;
      category: DeviceCategory;
      parts: readonly PartName[];
    }
  | { code: 'CYCLE.RETURN_WITHOUT_RESALE'; eventId: string; orderId: string }
  | { code: 'CYCLE.RETURN_BEFORE_RESALE'; eventId: string; resaleEventId: string; orderId: string };
