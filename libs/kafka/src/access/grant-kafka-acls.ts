import {
  Admin,
  AclEntry,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
} from 'kafkajs';
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

/**
 * Creates the rules through an admin client of a super user. The broker keeps one copy of an ACL however
 * often it is created, so this is safe to run at every deployment; grants no longer in the table are not
 * revoked here (an operator removes them with kafka-acls.sh --remove).
 */
export async function grantKafkaAcls(admin: Admin, rules: readonly KafkaAclRule[]): Promise<void> {
  await admin.createAcls({ acl: rules.map(aclEntry) });
}
