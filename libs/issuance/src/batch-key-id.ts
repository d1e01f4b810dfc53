import { BatchKey } from './batch-state';

/** A BatchKey as one string, for maps and sets; unambiguous whatever the components contain. */
export function batchKeyId(key: BatchKey): string {
  return JSON.stringify([key.projectId, key.vintage, key.factorSetVersion]);
}

/** Distinct keys in a fixed order, so transactions opening batches lock them in the same order. */
export function distinctSortedKeys(keys: Iterable<BatchKey>): BatchKey[] {
  const byId = new Map<string, BatchKey>();
  for (const key of keys) byId.set(batchKeyId(key), key);
  return [...byId.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, key]) => key);
}
