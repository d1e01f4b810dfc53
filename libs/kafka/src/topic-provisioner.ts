import { DEAD_LETTER_MAX_MESSAGE_BYTES, TOPICS } from '@refurb/contracts';
import { Admin, ITopicConfig } from 'kafkajs';
import { TopicsNotProvisionedError } from './topics-not-provisioned.error';

export interface TopicLayout {
  partitions: number;
  replicationFactor: number;
}

/** Topics that hold the ledger's evidence are kept forever: replay rebuilds state from them. */
const KEEP_FOREVER = [{ name: 'retention.ms', value: '-1' }];

function configEntries(topic: string) {
  if (topic !== TOPICS.deadLetter) return KEEP_FOREVER;
  return [...KEEP_FOREVER, { name: 'max.message.bytes', value: String(DEAD_LETTER_MAX_MESSAGE_BYTES) }];
}

function topicConfigs(topics: readonly string[], layout: TopicLayout): ITopicConfig[] {
  return topics.map((topic) => ({
    topic,
    numPartitions: layout.partitions,
    replicationFactor: layout.replicationFactor,
    configEntries: configEntries(topic),
  }));
}

/**
 * Creates the topics that are missing and leaves existing ones alone; safe to run from every
 * service at every start, including several at once.
 */
export async function provisionTopics(
  admin: Admin,
  topics: readonly string[],
  layout: TopicLayout,
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic));
  if (missing.length === 0) return;
  try {
    await admin.createTopics({ topics: topicConfigs(missing, layout), waitForLeaders: true });
  } catch (error) {
    // Another service created the same topics between our listing and our request.
    if (isTopicAlreadyExists(error)) return;
    // A secured cluster hides the topics a principal has no grant on, and refuses it their creation.
    if (isAuthorizationFailure(error)) throw new TopicsNotProvisionedError(missing, error);
    throw error;
  }
}

const AUTHORIZATION_FAILURES = ['TOPIC_AUTHORIZATION_FAILED', 'CLUSTER_AUTHORIZATION_FAILED'];

function isAuthorizationFailure(error: unknown): boolean {
  const { type, errors } = error as { type?: string; errors?: { type?: string }[] };
  if (type && AUTHORIZATION_FAILURES.includes(type)) return true;
  return (
    Array.isArray(errors) &&
    errors.some((e) => e.type !== undefined && AUTHORIZATION_FAILURES.includes(e.type))
  );
}

function isTopicAlreadyExists(error: unknown): boolean {
  const { type, errors } = error as { type?: string; errors?: { type?: string }[] };
  if (type === 'TOPIC_ALREADY_EXISTS') return true;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) => e.type === 'TOPIC_ALREADY_EXISTS');
}
