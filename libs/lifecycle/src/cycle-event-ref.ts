/** Enough of an event to find it again and place it on a timeline: the same reference credit evidence lists. */
export type { CreditEvidenceEvent as CycleEventRef } from '@refurb/contracts';
