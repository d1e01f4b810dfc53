// The page is bundled for the browser: it takes the contract's files themselves, not the library's
// index, which would bring class-validator along. The rules stay in one place either way.
import { normaliseDeviceId } from '../../../../libs/contracts/src/device-id';
import { isLuhnValid, luhnCheckDigit } from '../../../../libs/contracts/src/luhn';

/** Why a scan is not a device id, in terms the page puts into words (station-messages). */
export type ScanProblem =
  | { kind: 'empty' }
  | { kind: 'imei-check-digit'; expected: number; got: number }
  | { kind: 'imei-length'; digits: number }
  | { kind: 'imei-placeholder' }
  | { kind: 'format'; code: string; detail: string };

export type ScanResult = { ok: true; deviceId: string } | { ok: false; problem: ScanProblem };

const IMEI_LENGTH = 15;

/**
 * Reads what the scanner typed exactly as the contracts normalise device ids; when that refuses it,
 * says why in a form a bench operator can act on (which check digit the IMEI should end with).
 */
export function explainScan(raw: string): ScanResult {
  if (raw.trim().length === 0) return { ok: false, problem: { kind: 'empty' } };
  const result = normaliseDeviceId(raw);
  if (result.ok) return { ok: true, deviceId: result.deviceId };
  const digits = imeiDigits(raw);
  if (digits !== undefined) {
    if (digits.length !== IMEI_LENGTH)
      return { ok: false, problem: { kind: 'imei-length', digits: digits.length } };
    if (/^0+$/.test(digits)) return { ok: false, problem: { kind: 'imei-placeholder' } };
    if (!isLuhnValid(digits)) {
      const expected = luhnCheckDigit(digits.slice(0, IMEI_LENGTH - 1));
      return {
        ok: false,
        problem: { kind: 'imei-check-digit', expected, got: Number(digits[IMEI_LENGTH - 1]) },
      };
    }
  }
  return {
    ok: false,
    problem: { kind: 'format', code: result.rejection.code, detail: result.rejection.message },
  };
}

/** The digits of IMEI-shaped input (bare digits, or `imei:` then digits, spaces and hyphens). */
function imeiDigits(raw: string): string | undefined {
  const body = raw.trim().replace(/^imei:/i, '');
  return /^[0-9 -]+$/.test(body) ? body.replace(/[ -]/g, '') : undefined;
}
