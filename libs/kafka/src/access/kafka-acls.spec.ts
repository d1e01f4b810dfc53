import { INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { aclEntry } from './grant-kafka-acls';
import { KafkaAclRule, kafkaAcls, KafkaPrincipal, REDRIVE_GROUP_PREFIX } from './kafka-acls';

const rules = kafkaAcls({ tracker: 'tracker-group', issuance: 'issuance-group' });

function granted(principal: KafkaPrincipal, operation: KafkaAclRule['operation']): string[] {
  return rules
    .filter(
      (rule) => rule.principal === principal && rule.resource === 'topic' && rule.operation === operation,
    )
    .map((rule) => rule.name)
    .sort();
}

function writers(topic: string): KafkaPrincipal[] {
  return rules.filter((r) => r.name === topic && r.operation === 'WRITE').map((r) => r.principal);
}

describe('the Kafka ACL table', () => {
  it('lets only the tracker write credit records and only issuance write batch transitions', () => {
    expect(writers(TOPICS.credited)).toEqual(['tracker']);
    expect(writers(TOPICS.batches)).toEqual(['issuance']);
  });

  it('lets a partner write the input topics and nothing else', () => {
    expect(rules.filter((rule) => rule.principal === 'partner')).toEqual(
      INPUT_TOPICS.map((name) => ({
        principal: 'partner',
        resource: 'topic',
        name,
        pattern: 'literal',
        operation: 'WRITE',
      })),
    );
  });

  it('gives each consumer its own group and the topics it reads', () => {
    expect(granted('tracker', 'READ')).toEqual([...INPUT_TOPICS].sort());
    expect(granted('issuance', 'READ')).toEqual([TOPICS.credited]);
    expect(granted('redrive', 'READ')).toEqual([TOPICS.deadLetter]);
    expect(
      rules.filter((rule) => rule.resource === 'group').map((r) => [r.principal, r.name, r.pattern]),
    ).toEqual([
      ['tracker', 'tracker-group', 'literal'],
      ['issuance', 'issuance-group', 'literal'],
      ['redrive', REDRIVE_GROUP_PREFIX, 'prefixed'],
    ]);
  });

  it('lets every service see each topic it lists at start-up, so it never tries to create one', () => {
    const seen = (principal: KafkaPrincipal) =>
      new Set(
        rules.filter((rule) => rule.principal === principal && rule.resource === 'topic').map((r) => r.name),
      );
    expect([...seen('gateway')].sort()).toEqual([...INPUT_TOPICS, TOPICS.deadLetter].sort());
    expect([...seen('tracker')].sort()).toEqual([...INPUT_TOPICS, TOPICS.deadLetter, TOPICS.credited].sort());
    expect([...seen('issuance')].sort()).toEqual([TOPICS.credited, TOPICS.batches, TOPICS.deadLetter].sort());
    expect([...seen('redrive')].sort()).toEqual([...INPUT_TOPICS, TOPICS.deadLetter].sort());
  });

  it('becomes an allow entry for User:<principal> from any host', () => {
    expect(
      aclEntry({
        principal: 'redrive',
        resource: 'group',
        name: REDRIVE_GROUP_PREFIX,
        pattern: 'prefixed',
        operation: 'READ',
      }),
    ).toEqual({
      resourceType: AclResourceTypes.GROUP,
      resourceName: REDRIVE_GROUP_PREFIX,
      resourcePatternType: ResourcePatternTypes.PREFIXED,
      principal: 'User:redrive',
      host: '*',
      operation: AclOperationTypes.READ,
      permissionType: AclPermissionTypes.ALLOW,
    });
  });
});
