import {
  Admin,
  AclEntry,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
} from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { KafkaAclRule } from './kafka-acls';

const RESOURCE: Record<KafkaAclRule['resource'], AclResourceTypes> = {
  topic: AclResourceTypes.TOPIC,
  group: AclResourceTypes.GROUP,
};
const PATTERN: Record<KafkaAclRule['pattern'], ResourcePatternTypes> = {
  literal: ResourcePatternTypes.LITERAL,
  prefixed: ResourcePatternTypes.PREFIXED,
};
const OPERATION: Record<KafkaAclRule['operation'], AclOperationTypes> = {
  READ: AclOperationTypes.READ,
  WRITE: AclOperationTypes.WRITE,
  DESCRIBE: AclOperationTypes.DESCRIBE,
};

/** A rule as the cluster stores it: allowed for `User:<principal>` from any host. */
export function aclEntry(rule: KafkaAclRule): AclEntry {
  return {
    resourceType: RESOURCE[rule.resource],
    resourceName: rule.name,
    resourcePatternType: PATTERN[rule.pattern],
    principal: `User:${rule.principal}`,
    host: '*',
    operation: OPERATION[rule.operation],
    permissionType: AclPermissionTypes.ALLOW,
  };
}

/** How long a broker may take to apply ACLs the controller has accepted (about 1.5 s measured locally). */
const APPLIED_TIMEOUT_MS = 30_000;

/**
 * Creates the rules through an admin client of a super user, and returns once the broker enforces them:
 * the controller accepts ACLs before the broker's authorizer has them, and a service started in between
 * would be refused its own topics. The broker keeps one copy of an ACL however often it is created, so
 * this is safe at every deployment; grants no longer in the table are not revoked here (an operator
 * removes them with kafka-acls.sh --remove).
 */
export async function grantKafkaAcls(admin: Admin, rules: readonly KafkaAclRule[]): Promise<void> {
  const entries = rules.map(aclEntry);
  await admin.createAcls({ acl: entries });
  const deadline = Date.now() + APPLIED_TIMEOUT_MS;
  while ((await appliedCount(admin, entries)) < entries.length) {
    if (Date.now() > deadline) {
      throw new Error(`the broker did not apply the ${entries.length} ACLs within ${APPLIED_TIMEOUT_MS} ms`);
    }
    await sleep(200);
  }
}

/** How many of the entries the broker answering describeAcls holds. */
async function appliedCount(admin: Admin, entries: readonly AclEntry[]): Promise<number> {
  const { resources } = await admin.describeAcls({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  });
  const held = new Set(
    resources.flatMap((resource) => resource.acls.map((acl) => aclKey({ ...resource, ...acl }))),
  );
  return entries.filter((entry) => held.has(aclKey(entry))).length;
}

function aclKey(entry: AclEntry): string {
  return [
    entry.resourceType,
    entry.resourceName,
    entry.resourcePatternType,
    entry.principal,
    entry.host,
    entry.operation,
    entry.permissionType,
  ].join('|');
}
