import { CodedError } from '@refurb/contracts';

/**
 * A service found topics missing and its principal may not create them: on a secured cluster, topics
 * and grants come from `kafka-access` (README, "Secured Kafka"), run as a super user before the services.
 */
export class TopicsNotProvisionedError extends CodedError<'KAFKA.TOPICS_NOT_PROVISIONED'> {
  constructor(
    readonly topics: readonly string[],
    cause: unknown,
  ) {
    super(
      'KAFKA.TOPICS_NOT_PROVISIONED',
      `topics ${topics.join(', ')} are missing or not visible to this principal, which may not create them: ` +
        'provision the cluster first (node dist/libs/local-stack/src/kafka-access.cli.js)',
      { cause },
    );
  }
}
