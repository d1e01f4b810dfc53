/**
 * Who may read what: an operator reads every device and the conflicts; a workshop key, bound to one
 * workshop id, reads only the devices whose stored events name that workshop; a station key (the
 * gateway's scan station) reads any device and nothing else, the gateway narrowing what it shows; an
 * auditor key (issuance's, for the verifier's evidence drill-down) reads any device and nothing else.
 */
const TRACKER_ROLES = ['operator', 'workshop', 'station', 'auditor'] as const;
export type TrackerRole = (typeof TRACKER_ROLES)[number];

export function isTrackerRole(value: unknown): value is TrackerRole {
  return typeof value === 'string' && (TRACKER_ROLES as readonly string[]).includes(value);
}
