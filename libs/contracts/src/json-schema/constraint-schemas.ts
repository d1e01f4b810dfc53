import { TEXT_LIMITS } from '../clean-text';
import { PART_NAMES } from '../device-category';
import { JsonSchema } from './json-schema';
import {
  cleanTextPattern,
  COUNTRY_CODE_PATTERN,
  DEVICE_ID_PATTERN,
  EVENT_ID_PATTERN,
  FORMULA_START_PATTERN,
  JSON_MEDIA_TYPE_PATTERN,
  RFC3339_PATTERN,
} from './schema-patterns';

/** What one class-validator constraint adds to a property's schema, and what it means for a partner. */
interface ConstraintSchema {
  schema?: JsonSchema;
  /** For the property's description: the rule in words, including what the schema cannot express. */
  rule?: string;
}

type ConstraintConverter = (constraints: readonly unknown[]) => ConstraintSchema;

const TEXT_RULE =
  'trimmed and NFC-normalised; no control characters, bidirectional controls, line separators or lone surrogates';

/**
 * Every constraint the DTOs of libs/contracts use, by class-validator name. A DTO using a constraint
 * missing here makes generation fail, so that the published schemas never silently omit a rule.
 */
export const CONSTRAINT_SCHEMAS: Readonly<Record<string, ConstraintConverter>> = {
  isDefined: () => ({ rule: 'required' }),
  isOptional: () => ({ rule: 'optional; null means absent' }),
  isString: () => ({ schema: { type: 'string' } }),
  isNotBlank: () => ({ rule: 'not blank' }),
  isCleanText: ([maxLength]) => ({
    schema: { type: 'string', maxLength },
    rule: `${TEXT_RULE}; at most ${String(maxLength)} characters once normalised`,
  }),
  isNotFormula: () => ({
    schema: { not: { pattern: FORMULA_START_PATTERN } },
    rule: 'does not start with =, +, - or @, which a spreadsheet would run as a formula',
  }),
  isIn: ([values]) => {
    const allowed = values as readonly string[];
    return allowed.length === 1
      ? { schema: { const: allowed[0] }, rule: `exactly "${allowed[0]}"` }
      : { schema: { enum: [...allowed] }, rule: 'one of the listed values' };
  },
  isEventId: () => ({
    schema: { type: 'string', minLength: 1, maxLength: TEXT_LIMITS.eventId, pattern: EVENT_ID_PATTERN },
    rule: `compared verbatim (never trimmed); printable, not blank, at most ${TEXT_LIMITS.eventId} characters`,
  }),
  isRfc3339: () => ({
    schema: { type: 'string', format: 'date-time', pattern: RFC3339_PATTERN },
    rule: 'RFC 3339 date-time with a time-zone offset, on a day that exists',
  }),
  isJsonMediaType: () => ({
    schema: { type: 'string', pattern: JSON_MEDIA_TYPE_PATTERN },
    rule: 'application/json or a +json media type (not a CloudEvents format), charset UTF-8 if given',
  }),
  isAbsent: () => ({ schema: { type: 'null' }, rule: 'not supported: event data is JSON, sent as `data`' }),
  isDeviceIdShape: () => ({
    schema: { type: 'string', pattern: DEVICE_ID_PATTERN },
    rule:
      '`imei:<15 digits>` (prefix optional, spaces and hyphens allowed) or `serial:<brand>:<serial>` (brand ' +
      'letters, digits, spaces, hyphens or underscores, at most 40 once spaces become hyphens; serial 4-40 of ' +
      'A-Z a-z 0-9 -); stored as `imei:<digits>` or `serial:<brand lower-case>:<SERIAL UPPER-CASE>`',
  }),
  isValidImei: () => ({ rule: 'an IMEI must pass the Luhn check and must not be all zeros' }),
  isArray: () => ({ schema: { type: 'array' } }),
  arrayNotEmpty: () => ({ schema: { minItems: 1 } }),
  arrayMaxSize: ([maxItems]) => ({ schema: { maxItems } }),
  isKnownPartList: () => ({ schema: { items: { enum: [...PART_NAMES] } }, rule: 'known part names' }),
  isCountryCode: () => ({
    schema: { type: 'string', pattern: COUNTRY_CODE_PATTERN },
    rule: 'an officially assigned ISO 3166-1 alpha-2 code, any case (stored upper-case)',
  }),
  isNumber: () => ({ schema: { type: 'number' } }),
  min: ([minimum]) => ({ schema: { minimum } }),
  max: ([maximum]) => ({ schema: { maximum } }),
  isObject: () => ({ schema: { type: 'object' } }),
};

/** Text constraints combine: a required text must have something left once trimmed. */
export function textPattern(blankAllowed: boolean): JsonSchema {
  return { pattern: cleanTextPattern({ blankAllowed }) };
}
