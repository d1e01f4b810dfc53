import { INPUT_TOPICS, TOPICS } from '@refurb/contracts';

/**
 * The principals of a secured cluster, one per service plus a Kafka-native partner and the redrive
 * command. Each is the KAFKA_SASL_USERNAME that service is deployed with. The cluster's administrator
 * (`admin` locally) is a super user: it creates the topics and these ACLs and needs none itself.
 */
export const KAFKA_PRINCIPALS = ['gateway', 'tracker', 'issuance', 'redrive', 'partner'] as const;
export type KafkaPrincipal = (typeof KAFKA_PRINCIPALS)[number];

/** The redrive command reads the dead letters under a group of its own each run: `<prefix><uuid>`. */
export const REDRIVE_GROUP_PREFIX = 'refurb-ledger.redrive-';

export type KafkaAclOperation = 'READ' | 'WRITE' | 'DESCRIBE';

/** One grant: the principal may do `operation` on the topic or group named (or prefixed) `name`. */
export interface KafkaAclRule {
  principal: KafkaPrincipal;
  resource: 'topic' | 'group';
  name: string;
  pattern: 'literal' | 'prefixed';
  operation: KafkaAclOperation;
}

/** The consumer groups the services are deployed with (TRACKER_CONSUMER_GROUP, ISSUANCE_CONSUMER_GROUP). */
export interface ConsumerGroups {
  tracker: string;
  issuance: string;
}

export const DEFAULT_CONSUMER_GROUPS: ConsumerGroups = {
  tracker: 'refurb-ledger.tracker',
  issuance: 'refurb-ledger.issuance',
};

const topics = (
  principal: KafkaPrincipal,
  operation: KafkaAclOperation,
  names: readonly string[],
): KafkaAclRule[] =>
  names.map((name) => ({ principal, resource: 'topic', name, pattern: 'literal', operation }));

const group = (principal: KafkaPrincipal, name: string, pattern: KafkaAclRule['pattern'] = 'literal') => ({
  principal,
  resource: 'group' as const,
  name,
  pattern,
  operation: 'READ' as const,
});

/**
 * Every grant of the cluster, and nothing else: with `allow.everyone.if.no.acl.found=false`, what is not
 * here is refused. Only the tracker writes credit records and only issuance writes batch transitions,
 * so a partner (or a compromised gateway) cannot forge either. READ and WRITE imply DESCRIBE; a service
 * is given DESCRIBE alone on a topic it lists at start-up but never uses (the gateway's dead letters).
 */
export function kafkaAcls(groups: ConsumerGroups = DEFAULT_CONSUMER_GROUPS): KafkaAclRule[] {
  return [
    ...topics('gateway', 'WRITE', INPUT_TOPICS),
    ...topics('gateway', 'DESCRIBE', [TOPICS.deadLetter]),

    ...topics('tracker', 'READ', INPUT_TOPICS),
    group('tracker', groups.tracker),
    ...topics('tracker', 'WRITE', [TOPICS.credited, TOPICS.deadLetter]),

    ...topics('issuance', 'READ', [TOPICS.credited]),
    group('issuance', groups.issuance),
    ...topics('issuance', 'WRITE', [TOPICS.batches, TOPICS.deadLetter]),

    ...topics('redrive', 'READ', [TOPICS.deadLetter]),
    group('redrive', REDRIVE_GROUP_PREFIX, 'prefixed'),
    ...topics('redrive', 'WRITE', INPUT_TOPICS),

    ...topics('partner', 'WRITE', INPUT_TOPICS),
  ];
}
