import { DeviceEventType } from '@refurb/contracts/device-event';

/** Enough of an event for an operator or a verifier to find it again and place it on the timeline. */
export interface CycleEventRef {
  eventId: string;
  type: DeviceEventType;
  /** The event's own occurrence time, as received (canonical ISO UTC). */
  time: string;
}
