import { isLuhnValid } from './luhn';
import { EventRejectedError, reject, Rejected, RejectionCode } from './rejection';

export type DeviceIdResult = { ok: true; deviceId: string } | Rejected;

const IMEI_LENGTH = 15;
// Longer inputs are not ids; bounding them keeps error messages and regex work small.
const MAX_RAW_LENGTH = 128;
const BARE_IMEI = /^[0-9 -]+$/;
const IMEI_SEPARATORS = /[ -]/g;
const PLACEHOLDER_IMEI = /^0+$/;
const PREFIX = /^[A-Za-z]+$/;
const RAW_BRAND = /^[A-Za-z0-9 _-]+$/;
const BRAND_SEPARATOR_RUN = /[ _]+/g;
const CANONICAL_BRAND = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
// Checked before upper-casing, because case mapping of some non-ASCII letters yields ASCII ('ß' -> 'SS').
const RAW_SERIAL = /^[A-Za-z0-9-]{4,40}$/;
const EXPECTED_FORMS = 'expected imei:<15 digits> or serial:<brand>:<serial>';

function invalidDeviceId(detail: string): Rejected {
  return reject(RejectionCode.INVALID_DEVICE_ID, `deviceId ${detail}; ${EXPECTED_FORMS}`);
}

function invalidImei(detail: string): Rejected {
  return reject(RejectionCode.INVALID_IMEI, `IMEI ${detail}`);
}

function normaliseImei(body: string): DeviceIdResult {
  const digits = body.trim().replace(IMEI_SEPARATORS, '');
  if (!/^[0-9]+$/.test(digits)) return invalidImei('must contain only digits, spaces or hyphens');
  if (digits.length !== IMEI_LENGTH)
    return invalidImei(`must have ${IMEI_LENGTH} digits, got ${digits.length}`);
  // An all-zero IMEI passes Luhn but is what scanners and forms emit when the IMEI is unknown;
  // accepting it would merge unrelated devices into one and trigger false conflicting claims.
  if (PLACEHOLDER_IMEI.test(digits)) return invalidImei('is the all-zero placeholder');
  if (!isLuhnValid(digits)) return invalidImei(`${digits} fails the Luhn check`);
  return { ok: true, deviceId: `imei:${digits}` };
}

function normaliseSerialId(body: string): DeviceIdResult {
  const parts = body.split(':');
  if (parts.length !== 2) return invalidDeviceId('serial form needs exactly one brand and one serial');
  const rawBrand = parts[0].trim();
  const rawSerial = parts[1].trim();
  if (!RAW_BRAND.test(rawBrand)) return invalidDeviceId('brand must be ASCII letters, digits or hyphens');
  const brand = rawBrand.toLowerCase().replace(BRAND_SEPARATOR_RUN, '-');
  if (!CANONICAL_BRAND.test(brand)) {
    return invalidDeviceId('brand must be 1-40 of [a-z0-9-], starting and ending with a letter or digit');
  }
  if (!RAW_SERIAL.test(rawSerial)) return invalidDeviceId('serial must be 4-40 of [A-Z0-9-]');
  return { ok: true, deviceId: `serial:${brand}:${rawSerial.toUpperCase()}` };
}

/**
 * Canonical device id (docs/methodology.md#devices-and-cycles): `imei:<15 digits>` or
 * `serial:<brand>:<SERIAL>`.
 *
 * Lenient where partners' scanners and spreadsheets differ, strict on the result:
 * - surrounding whitespace, and the case of the `imei`/`serial` prefix, are ignored;
 * - an IMEI may contain spaces or hyphens (`35-209900-176148-1`), and a bare string of digits is read as an IMEI;
 * - the brand is lower-cased and runs of spaces or underscores become one hyphen (`Hewlett Packard` ->
 *   `hewlett-packard`); it must then be 1-40 of `[a-z0-9-]`, starting and ending with a letter or digit;
 * - the serial is upper-cased; it must be 4-40 of `[A-Za-z0-9-]` as given (inner spaces are not removed,
 *   since they may be part of what the partner considers distinct serials).
 *
 * IMEI-shaped input (an `imei:` prefix or bare digits) that fails yields INVALID_IMEI; anything else INVALID_DEVICE_ID.
 */
export function normaliseDeviceId(raw: unknown): DeviceIdResult {
  if (typeof raw !== 'string') return invalidDeviceId('must be a string');
  const input = raw.trim();
  if (input.length === 0) return invalidDeviceId('is empty');
  if (input.length > MAX_RAW_LENGTH) return invalidDeviceId(`is longer than ${MAX_RAW_LENGTH} characters`);

  const colon = input.indexOf(':');
  if (colon === -1) {
    return BARE_IMEI.test(input) && /[0-9]/.test(input)
      ? normaliseImei(input)
      : invalidDeviceId('has no scheme');
  }
  const prefix = input.slice(0, colon).trim();
  const body = input.slice(colon + 1);
  if (PREFIX.test(prefix)) {
    const scheme = prefix.toLowerCase();
    if (scheme === 'imei') return normaliseImei(body);
    if (scheme === 'serial') return normaliseSerialId(body);
  }
  return invalidDeviceId(`has unknown scheme ${JSON.stringify(prefix)}`);
}

/** The canonical id, or throws EventRejectedError; for callers whose input is already trusted. */
export function canonicalDeviceId(raw: string): string {
  const result = normaliseDeviceId(raw);
  if (!result.ok) throw new EventRejectedError(result.rejection);
  return result.deviceId;
}

/** True only for an id already in canonical form (what the tracker stores and partitions by). */
export function isCanonicalDeviceId(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const result = normaliseDeviceId(value);
  return result.ok && result.deviceId === value;
}
