import { EntityManager } from 'typeorm';

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface StoredOffset extends TopicPartition {
  nextOffset: bigint;
}

/**
 * Consumer offsets kept in PostgreSQL next to the data they describe, so that a batch's writes and
 * its offsets commit or roll back together. Each consuming service's first migration creates the table,
 * with createKafkaTablesStatements (kafka-tables.ts).
 */
export class PartitionOffsetStore {
  constructor(private readonly table: string) {}

  /**
   * Locks the partitions' rows for the rest of the transaction and returns the next offset to process
   * of each. The locks serialise a revoked consumer that is still finishing a batch with the partitions'
   * new owner; they are taken in one global order, so two transactions never wait on each other in a cycle.
   */
  async lockNextOffsets(
    manager: EntityManager,
    groupId: string,
    partitions: readonly TopicPartition[],
  ): Promise<StoredOffset[]> {
    const topics = partitions.map((p) => p.topic);
    const numbers = partitions.map((p) => p.partition);
    await manager.query(
      `INSERT INTO ${this.table} (group_id, topic, partition, next_offset)
       SELECT $1, topic, partition, 0 FROM unnest($2::text[], $3::int[]) AS p(topic, partition)
       ORDER BY topic, partition
       ON CONFLICT (group_id, topic, partition) DO NOTHING`,
      [groupId, topics, numbers],
    );
    const rows: { topic: string; partition: number; next_offset: string }[] = await manager.query(
      `SELECT o.topic, o.partition, o.next_offset
       FROM ${this.table} o JOIN unnest($2::text[], $3::int[]) AS p(topic, partition) USING (topic, partition)
       WHERE o.group_id = $1
       ORDER BY o.topic, o.partition
       FOR UPDATE OF o`,
      [groupId, topics, numbers],
    );
    return rows.map((row) => ({
      topic: row.topic,
      partition: row.partition,
      nextOffset: BigInt(row.next_offset),
    }));
  }

  async store(manager: EntityManager, groupId: string, offsets: readonly StoredOffset[]): Promise<void> {
    if (offsets.length === 0) return;
    await manager.query(
      `UPDATE ${this.table} o SET next_offset = p.next_offset, updated_at = now()
       FROM unnest($2::text[], $3::int[], $4::bigint[]) AS p(topic, partition, next_offset)
       WHERE o.group_id = $1 AND o.topic = p.topic AND o.partition = p.partition`,
      [
        groupId,
        offsets.map((o) => o.topic),
        offsets.map((o) => o.partition),
        offsets.map((o) => o.nextOffset.toString()),
      ],
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
