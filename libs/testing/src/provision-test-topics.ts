import { TOPICS } from '@refurb/contracts';
import { provisionTopics } from '@refurb/kafka';
import { Kafka } from 'kafkajs';

/** Creates every topic of the design the way the services do, for tests that produce before any service runs. */
export async function provisionAllTopics(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await provisionTopics(admin, Object.values(TOPICS), { partitions: 12, replicationFactor: 1 });
  } finally {
    await admin.disconnect();
  }
}
