/**
 * Who may do what: finance lists, reads, closes and issues batches and reads summaries and evidence;
 * the verifier reads batches and evidence and records verifications; admin configures projects and
 * workshops and places waiting lines.
 */
export const API_ROLES = ['finance', 'verifier', 'admin'] as const;
export type ApiRole = (typeof API_ROLES)[number];

export function isApiRole(value: unknown): value is ApiRole {
  return typeof value === 'string' && (API_ROLES as readonly string[]).includes(value);
}
