import { findTextProblem, isBlank, startsLikeFormula } from '../clean-text';
import { normaliseCountryCode } from '../country-code';
import { isCanonicalDeviceId, normaliseDeviceId } from '../device-id';
import { isJsonMediaType } from '../media-type';
import { parseRfc3339 } from '../rfc3339';
import {
  CANONICAL_DEVICE_ID_PATTERN,
  cleanTextPattern,
  COUNTRY_CODE_PATTERN,
  DEVICE_ID_PATTERN,
  EVENT_ID_PATTERN,
  FORMULA_START_PATTERN,
  JSON_MEDIA_TYPE_PATTERN,
  RFC3339_PATTERN,
  TRIMMED_TEXT_PATTERN,
} from './schema-patterns';

// The schemas run these patterns with the `u` flag (JSON Schema's regex dialect, as Ajv does).
const matches = (pattern: string, value: string) => new RegExp(pattern, 'u').test(value);

describe('schema patterns agree with the validators they document', () => {
  it.each([
    // value, pattern matches, validator accepts
    ['imei:353325091234561', true, true],
    ['IMEI : 35-332509-123456-1', true, true],
    ['  35 332509 123456 1 ', true, true],
    ['353325091234562', true, false], // fails Luhn: beyond a pattern, documented in the schema
    ['serial:Hewlett Packard:cnd-1234x', true, true],
    ['Serial : acme_corp : SN-0001 ', true, true],
    ['imei:35332509123456', false, false],
    ['imei:35332509123456A', false, false],
    ['mac:00:1a:2b:3c:4d:5e', false, false],
    ['serial:acme:SN/42', false, false],
    ['serial:-acme:SN42', false, false],
    ['serial:acme:abc', false, false],
  ])('device id %j: pattern %s, validator %s', (value, patternMatches, validatorAccepts) => {
    expect(matches(DEVICE_ID_PATTERN, value)).toBe(patternMatches);
    expect(normaliseDeviceId(value).ok).toBe(validatorAccepts);
  });

  it.each([
    // value, pattern matches, canonical
    ['imei:353325091234561', true, true],
    ['imei:353325091234562', true, false], // fails Luhn: beyond a pattern
    ['353325091234561', false, false],
    ['IMEI:353325091234561', false, false],
    ['serial:hewlett-packard:CND-1234X', true, true],
    ['serial:Hewlett-Packard:CND-1234X', false, false],
    ['serial:acme:cnd-1234x', false, false],
    ['serial:acme-:SN42', false, false],
    [' imei:353325091234561', false, false],
  ])('canonical device id %j: pattern %s, canonical %s', (value, patternMatches, canonical) => {
    expect(matches(CANONICAL_DEVICE_ID_PATTERN, value)).toBe(patternMatches);
    expect(isCanonicalDeviceId(value)).toBe(canonical);
  });

  it.each(['fr', ' FR ', 'Fr', 'gb', 'UK', 'FRA', 'XK', 'F', ''])('country %j', (value) => {
    expect(matches(COUNTRY_CODE_PATTERN, value)).toBe(normaliseCountryCode(value) !== undefined);
  });

  it.each([
    '2025-05-28T16:42:07+02:00',
    '2025-05-30T10:02:31.250+02:00',
    '2025-05-30t10:02:31.123456789z',
    '2025-05-30T10:02:31',
    '2025-05-30 10:02:31Z',
    '2025-13-01T00:00:00Z',
    '2025-05-30T24:00:00Z',
    '2025-05-30T10:02:60Z',
    '2025-05-30T10:02:31+24:00',
    '20250530T100231Z',
  ])('time %j', (value) => {
    expect(matches(RFC3339_PATTERN, value)).toBe(parseRfc3339(value) !== undefined);
  });

  it.each([
    'application/json',
    'Application/JSON; charset=utf-8',
    'application/vnd.partner+json',
    'text/plain',
    'application/xml',
  ])('media type %j', (value) => {
    expect(matches(JSON_MEDIA_TYPE_PATTERN, value)).toBe(isJsonMediaType(value));
  });

  it.each([
    'REBOX-FNAC',
    '  trimmed \r\n',
    'a b\tc',
    'bell\u0007',
    '\u202eevil',
    'line\u2028break',
    '   ',
    '',
  ])('text %j', (value) => {
    const clean = findTextProblem(value, 1000) === undefined;
    expect(matches(cleanTextPattern({ blankAllowed: true }), value)).toBe(clean);
    expect(matches(cleanTextPattern({ blankAllowed: false }), value)).toBe(clean && !isBlank(value));
    expect(matches(TRIMMED_TEXT_PATTERN, value)).toBe(clean && !isBlank(value) && value.trim() === value);
  });

  it.each(['=1+1', ' +33 1 23', '\t-2', '@SUM(A1)', 'WS-12', 'ws=1', '1-2', "'=x", ''])(
    'formula start %j',
    (value) => {
      expect(matches(FORMULA_START_PATTERN, value)).toBe(startsLikeFormula(value));
    },
  );

  it.each([
    ['0b2e5a8c-3f61', true],
    [' leading space kept', true],
    ['a\u200db', true],
    ['   ', false],
    ['tab\there', false],
    ['\u202eid', false],
  ])('event id %j: %s', (value, expected) => {
    expect(matches(EVENT_ID_PATTERN, value)).toBe(expected);
  });
});
