import { join } from 'node:path';
import { DEVICE_EVENT_TYPES } from '../device-event';
import { JsonSchema } from '../json-schema/json-schema';
import { STRUCTURED_CONTENT_TYPE } from '../media-type';
import { DEAD_LETTER_MAX_MESSAGE_BYTES, INPUT_TOPICS, TOPIC_BY_EVENT_TYPE, TOPICS } from '../topics';
import { asyncApiMessages, messageId } from './asyncapi-messages';

/** The committed document: libs/contracts/asyncapi.json, beside the schemas/ it references. */
export const ASYNCAPI_FILE = join(__dirname, '..', '..', 'asyncapi.json');

type TopicKey = keyof typeof TOPICS;

const PRODUCERS =
  'Producers of this repository use an idempotent kafkajs producer (acks from all in-sync replicas, one ' +
  "request in flight), kafkajs's Java-compatible murmur2 partitioner (a key lands on the partition the " +
  "Java client's default partitioner picks) and no compression.";

const CONSUMERS =
  'Consumers of this repository read uncompressed, gzip, snappy, LZ4 and zstd batches, so producers may ' +
  'compress with any codec; a batch that would decompress to more than 256 MiB is refused.';

const SIGNATURE =
  'Signed records carry the CloudEvents extension attributes `signaturekeyid` (`ed25519:` + the first 16 ' +
  "bytes, hex, of the SHA-256 of the signer's SPKI public key) and `signature` (Ed25519, base64url) over " +
  'the canonical JSON of the record without those two attributes (keys sorted, no spaces). To verify, ' +
  'remove the two attributes, re-serialise canonically, pick the trusted public key whose id is ' +
  '`signaturekeyid` (several are trusted during a rotation) and check the signature; a record failing ' +
  'any step is not believed, whatever topic it came on (README, Security model).';

const DESCRIPTION = [
  'The Kafka topics of Refurb Ledger (docs/architecture.md#topics). Every value is a CloudEvents 1.0 event ' +
    'following the CloudEvents Kafka protocol binding, except on the dead-letter topic, which keeps refused ' +
    'messages byte for byte.',
  'Device events are read in either mode: structured (the whole envelope as JSON, content-type ' +
    `${STRUCTURED_CONTENT_TYPE} or none) or binary (attributes in ce_* headers, the value is data). ` +
    'The services publish their own records in structured mode.',
  `${PRODUCERS} ${CONSUMERS}`,
  'Topics are created at start when missing, with KAFKA_TOPIC_PARTITIONS partitions (default 12), ' +
    'KAFKA_REPLICATION_FACTOR replicas (default 1) and retention.ms -1: the input and credit topics are ' +
    'the evidence a replay rebuilds from.',
  SIGNATURE,
  'Payload schemas are the committed JSON Schemas of libs/contracts/schemas/, referenced relatively; ' +
    'the gateway serves them beside this document.',
];

interface TopicDescription {
  description: string;
  messages: string[];
  senders: string;
  receivers: string;
}

function inputTopic(topic: (typeof INPUT_TOPICS)[number]): TopicDescription {
  const types = DEVICE_EVENT_TYPES.filter((type) => TOPIC_BY_EVENT_TYPE[type] === topic);
  return {
    description: `Partners' ${types.join(' and ')} events, keyed by device.`,
    messages: types.flatMap((type) => [messageId(type), `${messageId(type)}Binary`]),
    senders:
      'Kafka-native partners produce directly, each under its own Kafka principal and with the `source` ' +
      'it is registered under (`npm run tracker:sources`); the gateway produces what HTTP partners POST to ' +
      '/v1/events (structured mode, keyed by the canonical device id, after validation and its scope ' +
      'check), with `source` = `partners/<partner id>` and signed with the gateway key; `npm run redrive` ' +
      're-publishes dead letters to their source partition, unchanged.',
    receivers:
      'The tracker (consumer group TRACKER_CONSUMER_GROUP) validates and records every event; a refused ' +
      'one goes to the dead-letter topic. It believes an event with a `partners/` source only when its ' +
      'signature verifies against a trusted gateway key (TRACKER_GATEWAY_PUBLIC_KEYS), and any other ' +
      'event only when its source is registered and the event stays inside that source’s types, ' +
      'workshops, collection sites and resale channels.',
  };
}

const TOPIC_DESCRIPTIONS: Readonly<Record<TopicKey, TopicDescription>> = {
  collection: inputTopic(TOPICS.collection),
  repair: inputTopic(TOPICS.repair),
  refurbishment: inputTopic(TOPICS.refurbishment),
  resale: inputTopic(TOPICS.resale),
  deadLetter: {
    description:
      'Refused messages with their reason. Takes records up to 8 MiB (max.message.bytes), since a dead ' +
      'letter is a whole input message plus its reason headers.',
    messages: ['deadLetter'],
    senders:
      'The tracker (refused device events) and issuance (refused credit records), through their outboxes, ' +
      'in the transaction that consumed the message: nothing is dropped and nothing is dead-lettered twice.',
    receivers:
      '`npm run redrive` (letters from the input topics only) and operators; nothing consumes it continuously.',
  },
  credited: {
    description: "Every change of a cycle's credit, keyed by device.",
    messages: ['cycleCreditRecord'],
    senders:
      'The tracker, through its outbox (at least once; ids are deterministic), each record signed with ' +
      'the tracker key; with Kafka ACLs, only the tracker principal may write here.',
    receivers:
      'Issuance (consumer group ISSUANCE_CONSUMER_GROUP) verifies the signature against the trusted ' +
      'tracker keys (ISSUANCE_TRACKER_PUBLIC_KEYS), recomputes the figure from the record and the factor ' +
      'set it names, and places each change on a batch line; any failure is dead-lettered ' +
      '(ISSUANCE.UNSIGNED_CREDIT_RECORD, ISSUANCE.UNKNOWN_SIGNING_KEY, ISSUANCE.BAD_SIGNATURE, ' +
      'ISSUANCE.FIGURE_MISMATCH, ISSUANCE.UNKNOWN_FACTOR_SET) and never becomes a line.',
  },
  batches: {
    description: "Each credit batch's close, verification and issuance, keyed by project.",
    messages: ['batchTransitionRecord'],
    senders:
      'Issuance, through its outbox (at least once; ids are <batchId>/<state>), each record signed with ' +
      'the issuance key; with Kafka ACLs, only the issuance principal may write here.',
    receivers:
      "Finance, outside this repository, which verifies each record against issuance's public keys " +
      'before it books anything.',
  },
};

function topicConfiguration(topic: string): Record<string, number> {
  return topic === TOPICS.deadLetter
    ? { 'retention.ms': -1, 'max.message.bytes': DEAD_LETTER_MAX_MESSAGE_BYTES }
    : { 'retention.ms': -1 };
}

function channels(): JsonSchema {
  return Object.fromEntries(
    (Object.keys(TOPICS) as TopicKey[]).map((key) => {
      const topic = TOPICS[key];
      const { description, messages } = TOPIC_DESCRIPTIONS[key];
      return [
        key,
        {
          address: topic,
          title: topic,
          description,
          messages: Object.fromEntries(messages.map((id) => [id, { $ref: `#/components/messages/${id}` }])),
          bindings: {
            kafka: { topic, topicConfiguration: topicConfiguration(topic), bindingVersion: '0.5.0' },
          },
        },
      ];
    }),
  );
}

function pascal(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

function operations(): JsonSchema {
  return Object.fromEntries(
    (Object.keys(TOPICS) as TopicKey[]).flatMap((key) => {
      const { messages, senders, receivers } = TOPIC_DESCRIPTIONS[key];
      const operation = (action: 'send' | 'receive', description: string) => ({
        action,
        channel: { $ref: `#/channels/${key}` },
        summary: description.split(/(?<=\.) /)[0],
        description: action === 'send' ? `${description} ${PRODUCERS}` : description,
        messages: messages.map((id) => ({ $ref: `#/channels/${key}/messages/${id}` })),
      });
      return [
        [`send${pascal(key)}`, operation('send', senders)],
        [`receive${pascal(key)}`, operation('receive', receivers)],
      ];
    }),
  );
}

/** The AsyncAPI 3.0 document of every topic, built from the contracts so it cannot drift from them. */
export function asyncApiDocument(): JsonSchema {
  return {
    asyncapi: '3.0.0',
    info: { title: 'Refurb Ledger topics', version: '1', description: DESCRIPTION.join('\n\n') },
    defaultContentType: STRUCTURED_CONTENT_TYPE,
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description:
          'The broker `npm start` runs; each service reads its brokers from KAFKA_BROKERS. No TLS, no SASL.',
      },
      secured: {
        host: 'kafka:9092',
        protocol: 'kafka-secure',
        description:
          'The compose broker (docker/compose.yaml), as any secured deployment: SASL_SSL only. Each client ' +
          'authenticates as its own principal; ACLs let a partner write the four input topics and nothing ' +
          'else, only the tracker write devices.credited.v1 and only issuance write credits.batches.v1.',
        security: [{ $ref: '#/components/securitySchemes/scram' }],
      },
    },
    channels: channels(),
    operations: operations(),
    components: {
      messages: asyncApiMessages(),
      securitySchemes: {
        scram: {
          type: 'scramSha512',
          description:
            'SASL/SCRAM-SHA-512 over TLS (SCRAM-SHA-256 is accepted too), with the principal given to you.',
        },
      },
    },
  };
}

/** The committed file's exact content. */
export function asyncApiFileContent(): string {
  return `${JSON.stringify(asyncApiDocument(), null, 2)}\n`;
}
