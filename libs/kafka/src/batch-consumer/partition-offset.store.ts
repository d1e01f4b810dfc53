import { EntityManager } from 'typeorm';

export interface PartitionRef {
  groupId: string;
  topic: string;
  partition: number;
}

/**
 * Consumer offsets kept in PostgreSQL next to the data they describe, so that a batch's writes and
 * its offsets commit or roll back together. The table is created by each consuming service's migration:
 * (group_id text, topic text, partition int, next_offset bigint, updated_at timestamptz).
 */
export class PartitionOffsetStore {
  constructor(private readonly table: string) {}

  /**
   * Locks the partition's row for the rest of the transaction and returns the next offset to process.
   * The lock serialises a revoked consumer that is still finishing a batch with the partition's new owner.
   */
  async lockNextOffset(manager: EntityManager, ref: PartitionRef): Promise<bigint> {
    await manager.query(
      `INSERT INTO ${this.table} (group_id, topic, partition, next_offset) VALUES ($1, $2, $3, 0)
       ON CONFLICT (group_id, topic, partition) DO NOTHING`,
      [ref.groupId, ref.topic, ref.partition],
    );
    const rows: { next_offset: string }[] = await manager.query(
      `SELECT next_offset FROM ${this.table} WHERE group_id = $1 AND topic = $2 AND partition = $3 FOR UPDATE`,
      [ref.groupId, ref.topic, ref.partition],
    );
    return BigInt(rows[0].next_offset);
  }

  async store(manager: EntityManager, ref: PartitionRef, nextOffset: bigint): Promise<void> {
    await manager.query(
      `UPDATE ${this.table} SET next_offset = $4, updated_at = now()
       WHERE group_id = $1 AND topic = $2 AND partition = $3`,
      [ref.groupId, ref.topic, ref.partition, nextOffset.toString()],
    );
  }

  async nextOffsets(
    manager: EntityManager,
    groupId: string,
    topics: string[],
  ): Promise<{ topic: string; partition: number; nextOffset: string }[]> {
    const rows: { topic: string; partition: number; next_offset: string }[] = await manager.query(
      `SELECT topic, partition, next_offset FROM ${this.table} WHERE group_id = $1 AND topic = ANY($2)`,
      [groupId, topics],
    );
    return rows.map((row) => ({ topic: row.topic, partition: row.partition, nextOffset: row.next_offset }));
  }
}
