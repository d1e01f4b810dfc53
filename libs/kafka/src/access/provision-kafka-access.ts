import { TOPICS } from '@refurb/contracts';
import { Admin } from 'kafkajs';
import { provisionTopics, TopicLayout } from '../topic-provisioner';
import { grantKafkaAcls } from './grant-kafka-acls';
import { ConsumerGroups, KafkaAclRule, kafkaAcls } from './kafka-acls';

/**
 * What an administrator does once per secured cluster, before the services start: every topic (the
 * services may see them but not create them) and every grant of the ACL table. Idempotent.
 */
export async function provisionKafkaAccess(
  admin: Admin,
  layout: TopicLayout,
  groups?: ConsumerGroups,
): Promise<KafkaAclRule[]> {
  await provisionTopics(admin, Object.values(TOPICS), layout);
  const rules = kafkaAcls(groups);
  await grantKafkaAcls(admin, rules);
  return rules;
}
