import { STRUCTURED_CONTENT_TYPE } from '../media-type';
import { DEAD_LETTER_HEADERS, REDRIVEN_FROM_HEADER } from '../dead-letter-headers';
import { DEVICE_EVENT_TYPES, DeviceEventType } from '../device-event';
import { EVENT_DATA_DTOS } from '../event-data-parsers';
import { definitionName } from '../json-schema/dto-json-schema';
import { RECORD_SCHEMAS } from '../json-schema/contract-schemas';
import { schemaFileName } from '../json-schema/device-event-schemas';
import { JsonSchema } from '../json-schema/json-schema';
import { RECORD_LIMITS } from '../messages/record-limits';
import { CANONICAL_DEVICE_ID_PATTERN, RFC3339_PATTERN } from '../json-schema/schema-patterns';
import { REJECTION_CODES } from '../rejection';
import { INVALID_MESSAGE_SHAPE } from '../messages/message-read';
import { TOPICS } from '../topics';

/**
 * The committed schemas are draft 2020-12 but use only keywords that mean the same in draft 07, the
 * newest JSON Schema dialect AsyncAPI 3.0 names, so tools validate them as such.
 */
export const PAYLOAD_SCHEMA_FORMAT = 'application/schema+json;version=draft-07';

/** Where the document finds the committed schemas: beside it, in the repository and where it is served. */
export function schemaRef(fileName: string, pointer = ''): JsonSchema {
  return { $ref: `./schemas/${fileName}${pointer === '' ? '' : `#${pointer}`}` };
}

const KAFKA_BINDING_VERSION = '0.5.0';

function keyBinding(key: JsonSchema) {
  return { kafka: { key, bindingVersion: KAFKA_BINDING_VERSION } };
}

const DEVICE_KEY: JsonSchema = {
  type: 'string',
  description:
    'The device id, canonical (`imei:<15 digits>` or `serial:<brand>:<SERIAL>`) as the gateway sends it. ' +
    "Kafka-native partners should key the same way so a device's events share a partition; the tracker " +
    'reads the device from the event, never from the key.',
};

const REDRIVEN_FROM: JsonSchema = {
  type: 'string',
  pattern: '^[0-9]+:[0-9]+$',
  description:
    'Only on a message `npm run redrive` re-published: the dead letter it came from, as ' +
    `<partition>:<offset> of ${TOPICS.deadLetter}.`,
};

/** `device.collected` -> `deviceCollected`. */
export function messageId(type: DeviceEventType): string {
  return type.replace(/\.([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

function structuredEvent(type: DeviceEventType): JsonSchema {
  return {
    name: type,
    title: `${type} (structured mode)`,
    summary: `A ${type} CloudEvent, the whole envelope as the value.`,
    contentType: STRUCTURED_CONTENT_TYPE,
    headers: {
      type: 'object',
      description: 'Headers other than these are kept and ignored.',
      properties: {
        'content-type': {
          type: 'string',
          description:
            'application/cloudevents+json (charset utf-8 if given), or absent: both mean structured mode. ' +
            'Any other CloudEvents format is refused (EVENT.UNSUPPORTED_CONTENT_TYPE).',
        },
        [REDRIVEN_FROM_HEADER]: REDRIVEN_FROM,
      },
    },
    payload: { schemaFormat: PAYLOAD_SCHEMA_FORMAT, schema: schemaRef(schemaFileName(type)) },
    bindings: keyBinding(DEVICE_KEY),
  };
}

/** CloudEvents attributes carried as `ce_<name>` headers in binary mode (data is the value). */
const BINARY_ATTRIBUTES = ['specversion', 'id', 'source', 'type', 'subject', 'time'] as const;
const REQUIRED_ATTRIBUTES = ['specversion', 'id', 'source', 'type', 'time'];

function binaryEvent(type: DeviceEventType): JsonSchema {
  const file = schemaFileName(type);
  const attributes = Object.fromEntries(
    BINARY_ATTRIBUTES.map((name) => [`ce_${name}`, schemaRef(file, `/properties/${name}`)]),
  );
  return {
    name: `${type} (binary)`,
    title: `${type} (binary mode)`,
    summary: `A ${type} CloudEvent in binary mode: attributes in ce_* headers, the value is \`data\`.`,
    contentType: 'application/json',
    headers: {
      type: 'object',
      description:
        'Attribute headers are read case-insensitively, as UTF-8, once each (EVENT.INVALID_HEADER); ' +
        'ce_data and ce_data_base64 are ignored. Other headers are kept and ignored.',
      required: REQUIRED_ATTRIBUTES.map((name) => `ce_${name}`),
      properties: {
        ...attributes,
        'content-type': {
          ...schemaRef(file, '/properties/datacontenttype'),
          description: 'Becomes datacontenttype: a JSON media type, or absent.',
        },
        [REDRIVEN_FROM_HEADER]: REDRIVEN_FROM,
      },
    },
    payload: {
      schemaFormat: PAYLOAD_SCHEMA_FORMAT,
      schema: schemaRef(file, `/$defs/${definitionName(EVENT_DATA_DTOS[type])}`),
    },
    bindings: keyBinding(DEVICE_KEY),
  };
}

function structuredRecord(name: string, summary: string, fileName: string, key: JsonSchema): JsonSchema {
  return {
    name,
    title: name,
    summary,
    contentType: STRUCTURED_CONTENT_TYPE,
    headers: {
      type: 'object',
      required: ['content-type'],
      properties: { 'content-type': { type: 'string', const: STRUCTURED_CONTENT_TYPE } },
    },
    payload: { schemaFormat: PAYLOAD_SCHEMA_FORMAT, schema: schemaRef(fileName) },
    bindings: keyBinding(key),
  };
}

const REASON_CODES = [...REJECTION_CODES, INVALID_MESSAGE_SHAPE];

/** The dead-letter headers, each described; the keys are DEAD_LETTER_HEADERS' names. */
export const DEAD_LETTER_HEADER_SCHEMAS: Readonly<Record<keyof typeof DEAD_LETTER_HEADERS, JsonSchema>> = {
  code: {
    type: 'string',
    pattern: '^[A-Z]+(?:\\.[A-Z_]+)+$',
    description:
      'Why the message was refused, a stable dotted code: a partner event the contract refuses ' +
      '(EVENT.*); a partner event whose sender the tracker does not believe (TRACKER.UNREGISTERED_SOURCE, ' +
      'TRACKER.UNSIGNED_RELAYED_EVENT, TRACKER.UNKNOWN_SIGNING_KEY, TRACKER.BAD_SIGNATURE, ' +
      'TRACKER.EVENT_ID_TAKEN_ON_DEVICE) or that names what its source may not ' +
      '(TRACKER.EVENT_TYPE_NOT_ALLOWED, TRACKER.WORKSHOP_NOT_ALLOWED, TRACKER.SITE_NOT_ALLOWED, ' +
      "TRACKER.RESALE_CHANNEL_NOT_ALLOWED); an event beyond a device's or an order's history limit " +
      '(TRACKER.DEVICE_HISTORY_LIMIT, TRACKER.ORDER_HISTORY_LIMIT); a record whose shape is not its ' +
      'contract (MESSAGE.INVALID_SHAPE); a credit record issuance does not believe ' +
      '(ISSUANCE.UNSIGNED_CREDIT_RECORD, ISSUANCE.UNKNOWN_SIGNING_KEY, ISSUANCE.BAD_SIGNATURE, ' +
      'ISSUANCE.FIGURE_MISMATCH, ISSUANCE.UNKNOWN_FACTOR_SET) or refuses (ISSUANCE.INVALID_CREDIT_RECORD, ' +
      'ISSUANCE.CHANGE_ID_REUSED, ISSUANCE.REVERSAL_MISMATCH, ISSUANCE.CREDIT_ALREADY_REVERSED); or a ' +
      'message whose processing kept failing on its own (TRACKER.PROCESSING_FAILED, ' +
      'ISSUANCE.PROCESSING_FAILED).',
    examples: REASON_CODES,
  },
  detail: { type: 'string', description: 'The reason for people; never parse it, match on the code.' },
  field: {
    type: 'string',
    description:
      'JSON path of the offending value (e.g. data.transport.mode); absent when the whole message is at fault.',
  },
  sourceTopic: { type: 'string', description: 'The topic the message was consumed from.' },
  sourcePartition: { type: 'string', pattern: '^[0-9]+$', description: 'Its partition there, in decimal.' },
  sourceOffset: { type: 'string', pattern: '^[0-9]+$', description: 'Its offset there, in decimal.' },
  rejectedAt: { type: 'string', pattern: RFC3339_PATTERN, description: 'When it was refused (ISO UTC).' },
};

function deadLetter(): JsonSchema {
  const entries = Object.entries(DEAD_LETTER_HEADER_SCHEMAS) as [
    keyof typeof DEAD_LETTER_HEADERS,
    JsonSchema,
  ][];
  return {
    name: 'dead letter',
    title: 'Dead letter',
    summary: 'A refused message, byte for byte, with why and where from.',
    contentType: 'application/octet-stream',
    headers: {
      type: 'object',
      description:
        "The original message's headers, byte for byte (the first value of a repeated one), plus these.",
      required: entries.filter(([name]) => name !== 'field').map(([name]) => DEAD_LETTER_HEADERS[name]),
      properties: Object.fromEntries(entries.map(([name, schema]) => [DEAD_LETTER_HEADERS[name], schema])),
    },
    payload: {
      description:
        "The refused message's value, byte for byte: whatever its topic carried, possibly not JSON at all " +
        '(empty when it had none).',
    },
    bindings: keyBinding({
      description: "The original message's key, byte for byte; absent if it had none.",
    }),
  };
}

/** Every message of the document, by component id. */
export function asyncApiMessages(): Record<string, JsonSchema> {
  const events = DEVICE_EVENT_TYPES.flatMap((type): [string, JsonSchema][] => [
    [messageId(type), structuredEvent(type)],
    [`${messageId(type)}Binary`, binaryEvent(type)],
  ]);
  return {
    ...Object.fromEntries(events),
    cycleCreditRecord: structuredRecord(
      'CycleCreditRecord',
      'One change of a cycle credit: cycle.credited or cycle.credit-reversed.',
      RECORD_SCHEMAS[TOPICS.credited].fileName,
      { type: 'string', pattern: CANONICAL_DEVICE_ID_PATTERN, description: 'The device id (data.deviceId).' },
    ),
    batchTransitionRecord: structuredRecord(
      'BatchTransitionRecord',
      'One transition of a credit batch: credits.batch.closed, verified or issued.',
      RECORD_SCHEMAS[TOPICS.batches].fileName,
      {
        type: 'string',
        maxLength: RECORD_LIMITS.identifier,
        description: "The project id (data.projectId), so one project's transitions stay in close order.",
      },
    ),
    deadLetter: deadLetter(),
  };
}
