import { EntityManager } from 'typeorm';

/** Advisory-lock namespace of device ids (two-key form, apart from every other lock in the database). */
const DEVICE_LOCK_SPACE = 1;

/**
 * Serialises the transactions that touch the same devices. One device's events arrive on four topics,
 * which different partitions (and instances) process in parallel; without this two batches would derive
 * the device's cycles each without the other's events. Locks are taken in one global order (no deadlocks)
 * and released at commit.
 */
export async function lockDevices(manager: EntityManager, deviceIds: readonly string[]): Promise<void> {
  if (deviceIds.length === 0) return;
  // OFFSET 0 keeps the sorted subquery from being flattened, so locks are taken in sorted order.
  await manager.query(
    `SELECT pg_advisory_xact_lock($1, key) FROM (
       SELECT DISTINCT hashtext(device_id) AS key FROM unnest($2::text[]) AS device_id ORDER BY key OFFSET 0
     ) AS ordered`,
    [DEVICE_LOCK_SPACE, deviceIds],
  );
}
