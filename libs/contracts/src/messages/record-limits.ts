/**
 * Bounds of the records the services publish (credit changes, batch transitions), shared by their parsers
 * and their JSON Schemas so the two cannot disagree. Lengths count characters (code points).
 */
export const RECORD_LIMITS = {
  id: 256,
  identifier: 128,
  text: 500,
  timestamp: 64,
  factorSetVersion: 64,
  items: 1000,
  minVintage: 2000,
  maxVintage: 9999,
  basisPoints: 10_000,
} as const;
