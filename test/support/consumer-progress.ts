import { PartitionOffset } from '@refurb/testing';
import { TestDatabase } from '@refurb/testing';

/**
 * Starts a consumer group at the given offsets by writing them where the services keep offsets
 * (PostgreSQL): the group then ignores everything earlier tests left on the shared topics.
 */
export async function seedConsumerOffsets(
  database: TestDatabase,
  table: string,
  groupId: string,
  offsets: readonly PartitionOffset[],
): Promise<void> {
  await database.query(
    `INSERT INTO ${table} (group_id, topic, partition, next_offset)
     SELECT $1, * FROM unnest($2::text[], $3::int[], $4::bigint[])`,
    [groupId, offsets.map((o) => o.topic), offsets.map((o) => o.partition), offsets.map((o) => o.offset)],
  );
}

/** True once the group's stored offsets reached every target (all produced messages were processed). */
export async function hasConsumedUpTo(
  database: TestDatabase,
  table: string,
  groupId: string,
  targets: readonly PartitionOffset[],
): Promise<boolean> {
  const rows = await database.query<{ topic: string; partition: number; next_offset: string }>(
    `SELECT topic, partition, next_offset FROM ${table} WHERE group_id = $1`,
    [groupId],
  );
  const stored = new Map(rows.map((row) => [`${row.topic}/${row.partition}`, BigInt(row.next_offset)]));
  return targets.every(
    (target) => (stored.get(`${target.topic}/${target.partition}`) ?? 0n) >= BigInt(target.offset),
  );
}
