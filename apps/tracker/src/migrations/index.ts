import { CreateTrackerSchema1764086400000 } from './1764086400000-create-tracker-schema';

/** Append-only: a landed migration is never edited, only followed by a new one. */
export const TRACKER_MIGRATIONS = [CreateTrackerSchema1764086400000];
