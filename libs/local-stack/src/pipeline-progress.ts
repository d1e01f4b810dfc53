import { INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { Admin } from 'kafkajs';
import { Client } from 'pg';

export interface PipelineGroups {
  tracker: string;
  issuance: string;
}

interface StoredOffset {
  topic: string;
  partition: number;
  next_offset: string;
}

/**
 * True when everything on the input topics has gone all the way through: the tracker consumed every
 * input message and relayed its outbox, and issuance consumed every credit record and relayed its own.
 * Read from where the services keep their offsets (PostgreSQL), so it holds across restarts.
 */
export async function pipelineSettled(
  databaseUrl: string,
  admin: Admin,
  groups: PipelineGroups,
): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const consumed = async (table: string, groupId: string, topics: readonly string[]) => {
      const { rows } = await client.query<StoredOffset>(
        `SELECT topic, partition, next_offset FROM ${table} WHERE group_id = $1`,
        [groupId],
      );
      const stored = new Map(rows.map((row) => [`${row.topic}/${row.partition}`, BigInt(row.next_offset)]));
      for (const topic of topics) {
        for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
          if (BigInt(high) > BigInt(low) && (stored.get(`${topic}/${partition}`) ?? 0n) < BigInt(high))
            return false;
        }
      }
      return true;
    };
    const outboxEmpty = async (table: string) =>
      (await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n === '0';
    return (
      (await consumed('tracker.consumer_offsets', groups.tracker, INPUT_TOPICS)) &&
      (await outboxEmpty('tracker.outbox')) &&
      (await consumed('issuance.consumer_offsets', groups.issuance, [TOPICS.credited])) &&
      (await outboxEmpty('issuance.outbox'))
    );
  } finally {
    await client.end();
  }
}
