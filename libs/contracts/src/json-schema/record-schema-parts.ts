import { RECORD_LIMITS } from '../messages/record-limits';
import { SIGNATURE_ATTRIBUTES } from '../signing/record-signature';
import { JsonSchema } from './json-schema';
import { RFC3339_PATTERN, TRIMMED_TEXT_PATTERN } from './schema-patterns';

// Schema pieces for the records the services publish, one per JsonReader check, so a record schema reads
// like the parser it documents.

/** JsonReader.text: trimmed, not blank, clean, at most `maxLength` characters (or matching `pattern`). */
export function recordText(maxLength: number, pattern: string = TRIMMED_TEXT_PATTERN): JsonSchema {
  return { type: 'string', minLength: 1, maxLength, pattern };
}

/** A timestamp the services write: an RFC 3339 date-time (ISO UTC in practice). */
export const RECORD_TIMESTAMP: JsonSchema = {
  type: 'string',
  maxLength: RECORD_LIMITS.timestamp,
  format: 'date-time',
  pattern: RFC3339_PATTERN,
};

/** JsonReader.integer: a safe integer within bounds. */
export function recordInteger(minimum: number, maximum = Number.MAX_SAFE_INTEGER): JsonSchema {
  return { type: 'integer', minimum, maximum };
}

/** JsonReader.oneOf. */
export function recordEnum(values: readonly string[]): JsonSchema {
  return values.length === 1 ? { type: 'string', const: values[0] } : { type: 'string', enum: [...values] };
}

/** JsonReader.orNull: always written, null when there is nothing to say yet. */
export function orNullRecord(schema: JsonSchema): JsonSchema {
  return { anyOf: [schema, { type: 'null' }] };
}

/** JsonReader.list. */
export function recordList(items: JsonSchema): JsonSchema {
  return { type: 'array', maxItems: RECORD_LIMITS.items, items };
}

/** An object with every listed member required (in the order written). */
export function recordObject(properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema {
  return {
    type: 'object',
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    properties,
  };
}

export interface RecordEnvelope {
  source: string;
  types: readonly string[];
  subject: string;
  data: JsonSchema;
}

/** The CloudEvents envelope every service record has: structured mode, JSON data. */
export function recordEnvelope({ source, types, subject, data }: RecordEnvelope): JsonSchema {
  return recordObject(
    {
      specversion: recordEnum(['1.0']),
      id: recordText(RECORD_LIMITS.id),
      source: recordEnum([source]),
      type: recordEnum(types),
      subject: { ...recordText(RECORD_LIMITS.id), description: subject },
      time: RECORD_TIMESTAMP,
      datacontenttype: recordEnum(['application/json']),
      data,
      // Optional to the contract's reader, required by every consumer that trusts the record: it is
      // checked before the record is read (readSignedTopicMessage).
      [SIGNATURE_ATTRIBUTES.keyId]: {
        type: 'string',
        pattern: '^ed25519:[0-9a-f]{32}$',
        description:
          "The signing key's id: ed25519: and the first 16 bytes of the SHA-256 of its SPKI encoding, in hex.",
      },
      [SIGNATURE_ATTRIBUTES.signature]: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{86}$',
        description:
          'Ed25519 signature (64 bytes, base64url without padding) over the canonical JSON (keys sorted, no spaces) of the record without signature and signaturekeyid.',
      },
    },
    ['datacontenttype', SIGNATURE_ATTRIBUTES.keyId, SIGNATURE_ATTRIBUTES.signature],
  );
}
