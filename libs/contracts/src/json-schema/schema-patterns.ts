import { ISO_3166_ALPHA2_CODES } from '../country-code';

// Regular expressions in the portable subset of JSON Schema's dialect (ECMA-262 without \p{...}), so
// partners' validators in other languages run them too. Each is unambiguous where input can be long,
// so that no pattern backtracks quadratically on hostile input.

/** Characters refused in event text (clean-text.ts), lone surrogates excepted: ranges of them are not portable. */
const FORBIDDEN = String.raw`\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069`;
/** Whitespace that is not forbidden, hence kept inside an id (ids are not trimmed). */
const PRINTABLE_SPACE = String.raw` \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff`;

/** `text` with each ASCII letter matching either case. */
function anyCase(text: string): string {
  return text.replace(/[A-Za-z]/g, (letter) => `[${letter.toUpperCase()}${letter.toLowerCase()}]`);
}

/** Not blank, no whitespace at the ends, no forbidden character. */
const TRIMMED_TEXT = String.raw`[^${FORBIDDEN}\s](?:[^${FORBIDDEN}]*[^${FORBIDDEN}\s])?`;

/** Text that is clean once trimmed: whitespace at the ends, no forbidden character inside. */
export function cleanTextPattern({ blankAllowed }: { blankAllowed: boolean }): string {
  return String.raw`^\s*${blankAllowed ? `(?:${TRIMMED_TEXT})?` : TRIMMED_TEXT}\s*$`;
}

/** Text of the services' own records (JsonReader.text): already trimmed, not blank, clean. */
export const TRIMMED_TEXT_PATTERN = `^${TRIMMED_TEXT}$`;

/** Text that starts like a spreadsheet formula once trimmed (clean-text.ts startsLikeFormula). */
export const FORMULA_START_PATTERN = String.raw`^\s*[-=+@]`;

/** A CloudEvents id: compared verbatim, so no forbidden character anywhere, and not blank. */
export const EVENT_ID_PATTERN = String.raw`^[${PRINTABLE_SPACE}]*[^${FORBIDDEN}\s][^${FORBIDDEN}]*$`;

const IMEI = String.raw`(?:\s*${anyCase('imei')}\s*:)?[\s-]*(?:[0-9][ -]*){14}[0-9][\s-]*`;
const SERIAL = String.raw`\s*${anyCase('serial')}\s*:\s*[A-Za-z0-9](?:[A-Za-z0-9 _-]*[A-Za-z0-9])?\s*:\s*[A-Za-z0-9-]{4,40}\s*`;
/** The shapes normaliseDeviceId accepts (IMEI with or without prefix, spaces and hyphens; serial). */
export const DEVICE_ID_PATTERN = `^(?:${IMEI}|${SERIAL})$`;

/** A device id in the canonical form normaliseDeviceId returns (isCanonicalDeviceId), Luhn aside. */
export const CANONICAL_DEVICE_ID_PATTERN =
  '^(?:imei:[0-9]{15}|serial:[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?:[A-Z0-9-]{4,40})$';

/** An assigned ISO 3166-1 alpha-2 code in any case, surrounding whitespace allowed. */
export const COUNTRY_CODE_PATTERN = String.raw`^\s*(?:${ISO_3166_ALPHA2_CODES.map(anyCase).join('|')})\s*$`;

/** RFC 3339 date-time with a mandatory offset (rfc3339.ts); field ranges, not days per month. */
export const RFC3339_PATTERN =
  '^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]' +
  String.raw`(?:\.[0-9]{1,9})?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$`;

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]";
/** `application/json` or any `+json` media type, parameters allowed (media-type.ts). */
export const JSON_MEDIA_TYPE_PATTERN = String.raw`^\s*(?:${anyCase('application/json')}|${TOKEN}+/${TOKEN}*\+${anyCase('json')})\s*(?:;.*)?$`;
