import 'reflect-metadata';
import { KafkaEnv, loadConfig } from '@refurb/config';
import { createKafka, DEFAULT_CONSUMER_GROUPS, provisionKafkaAccess } from '@refurb/kafka';
import { Matches } from 'class-validator';

const GROUP = /^[A-Za-z0-9._-]{1,100}$/;
const GROUP_MESSAGE = { message: 'must be 1-100 characters of A-Z a-z 0-9 . _ -' };

/** The administrator's connection, plus the consumer groups the tracker and issuance are deployed with. */
class KafkaAccessEnv extends KafkaEnv {
  @Matches(GROUP, GROUP_MESSAGE)
  TRACKER_CONSUMER_GROUP = DEFAULT_CONSUMER_GROUPS.tracker;

  @Matches(GROUP, GROUP_MESSAGE)
  ISSUANCE_CONSUMER_GROUP = DEFAULT_CONSUMER_GROUPS.issuance;
}

/**
 * `node dist/libs/local-stack/src/kafka-access.cli.js`, run with a super user's KAFKA_SASL_* settings:
 * creates every topic and grants the ACL table (libs/kafka/src/access/kafka-acls.ts) on a secured
 * cluster. Docker Compose runs it once before the services; safe to run again.
 */
async function main(): Promise<void> {
  const env = loadConfig(KafkaAccessEnv);
  const admin = createKafka(env.kafkaClient('kafka-access')).admin();
  await admin.connect();
  try {
    const rules = await provisionKafkaAccess(
      admin,
      { partitions: env.KAFKA_TOPIC_PARTITIONS, replicationFactor: env.KAFKA_REPLICATION_FACTOR },
      { tracker: env.TRACKER_CONSUMER_GROUP, issuance: env.ISSUANCE_CONSUMER_GROUP },
    );
    for (const rule of rules) {
      const pattern = rule.pattern === 'prefixed' ? '*' : '';
      console.log(
        `User:${rule.principal.padEnd(9)} ${rule.operation.padEnd(8)} ${rule.resource} ${rule.name}${pattern}`,
      );
    }
  } finally {
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`kafka-access: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
