import { canonicalDeviceId, isCanonicalDeviceId, normaliseDeviceId } from './device-id';
import { EventRejectedError, RejectionCode } from './rejection';

function normalised(raw: unknown): string {
  const result = normaliseDeviceId(raw);
  if (!result.ok) throw new Error(`expected ${String(raw)} to normalise: ${result.rejection.message}`);
  return result.deviceId;
}

function codeOf(raw: unknown): string | undefined {
  const result = normaliseDeviceId(raw);
  return result.ok ? undefined : result.rejection.code;
}

describe('normaliseDeviceId', () => {
  describe('IMEI', () => {
    it.each([
      ['imei:490154203237518', 'imei:490154203237518'],
      ['IMEI:353325091234561', 'imei:353325091234561'],
      ['Imei: 353918050123450', 'imei:353918050123450'],
      ['  imei:861234056789012\n', 'imei:861234056789012'],
      ['imei:35-209900-176148-1', 'imei:352099001761481'],
      ['imei:35 209900 176148 1', 'imei:352099001761481'],
      ['013263007712341', 'imei:013263007712341'],
      ['35-646711-000123-8', 'imei:356467110001238'],
      [' 49 015420 323751 8 ', 'imei:490154203237518'],
    ])('normalises %p to %s', (raw, expected) => {
      expect(normalised(raw)).toBe(expected);
    });

    it.each([
      ['wrong check digit', 'imei:490154203237519'],
      ['14 digits (check digit missing)', 'imei:49015420323751'],
      ['16 digits (an IMEISV)', 'imei:4901542032375100'],
      ['a bare number with a bad check digit', '352099001761480'],
      ['a bare number of the wrong length', '12345'],
      ['letters after the prefix', 'imei:49015420323751X'],
      ['dots as separators', 'imei:35.209900.176148.1'],
      ['the all-zero placeholder', 'imei:000000000000000'],
      ['an empty IMEI', 'imei:'],
    ])('rejects %s as INVALID_IMEI', (_label, raw) => {
      expect(codeOf(raw)).toBe(RejectionCode.INVALID_IMEI);
    });

    it('explains a Luhn failure', () => {
      expect(normaliseDeviceId('imei:490154203237519')).toEqual({
        ok: false,
        rejection: { code: RejectionCode.INVALID_IMEI, message: 'IMEI 490154203237519 fails the Luhn check' },
      });
    });
  });

  describe('serial', () => {
    it.each([
      ['serial:apple:C02XK1ZPJGH5', 'serial:apple:C02XK1ZPJGH5'],
      ['SERIAL:Apple:c02xk1zpjgh5', 'serial:apple:C02XK1ZPJGH5'],
      [' serial : Lenovo : pf-2abc3d ', 'serial:lenovo:PF-2ABC3D'],
      ['serial:Hewlett Packard:5CG1234XYZ', 'serial:hewlett-packard:5CG1234XYZ'],
      ['serial:sony_interactive:AB12', 'serial:sony-interactive:AB12'],
      ['serial:3m:ABCD', 'serial:3m:ABCD'],
      [`serial:${'b'.repeat(40)}:${'S'.repeat(40)}`, `serial:${'b'.repeat(40)}:${'S'.repeat(40)}`],
    ])('normalises %p to %s', (raw, expected) => {
      expect(normalised(raw)).toBe(expected);
    });

    it.each([
      ['a serial of 3 characters', 'serial:apple:ABC'],
      ['a serial of 41 characters', `serial:apple:${'A'.repeat(41)}`],
      ['a serial with inner spaces', 'serial:apple:C02X K1ZP'],
      ['a serial with a slash', 'serial:apple:C02X/K1ZP'],
      ['a serial with a letter that upper-cases to ASCII', 'serial:apple:ABCß'],
      ['a missing serial', 'serial:apple'],
      ['an empty serial', 'serial:apple:'],
      ['an extra segment', 'serial:apple:ABCD:EFGH'],
      ['an empty brand', 'serial::ABCD'],
      ['a brand of 41 characters', `serial:${'b'.repeat(41)}:ABCD`],
      ['a brand with accents', 'serial:citroën:ABCD'],
      ['a brand with the Kelvin sign', 'serial:\u212Aodak:ABCD'],
      ['a brand that is only a hyphen', 'serial:-:ABCD'],
      ['a brand ending with a hyphen', 'serial:hp-:ABCD'],
      ['a brand with a dot', 'serial:h.p:ABCD'],
    ])('rejects %s as INVALID_DEVICE_ID', (_label, raw) => {
      expect(codeOf(raw)).toBe(RejectionCode.INVALID_DEVICE_ID);
    });
  });

  it.each([
    ['an empty string', ''],
    ['whitespace', '   '],
    ['no scheme', 'C02XK1ZPJGH5'],
    ['an unknown scheme', 'meid:A0000000002329'],
    ['a URN-like scheme', 'urn:imei:490154203237518'],
    ['a mixed bare string', '4901-5420A'],
    ['a non-string', 490154203237518],
    ['null', null],
    ['a huge string', `serial:apple:${'A'.repeat(500)}`],
  ])('rejects %s as INVALID_DEVICE_ID', (_label, raw) => {
    expect(codeOf(raw)).toBe(RejectionCode.INVALID_DEVICE_ID);
  });

  it('is idempotent on canonical ids', () => {
    for (const id of ['imei:490154203237518', 'serial:hewlett-packard:5CG1234XYZ']) {
      expect(normalised(id)).toBe(id);
      expect(isCanonicalDeviceId(id)).toBe(true);
    }
    expect(isCanonicalDeviceId('IMEI:490154203237518')).toBe(false);
    expect(isCanonicalDeviceId('490154203237518')).toBe(false);
    expect(isCanonicalDeviceId(42)).toBe(false);
  });

  it('throws a typed error from canonicalDeviceId', () => {
    expect(canonicalDeviceId(' 35-209900-176148-1 ')).toBe('imei:352099001761481');
    expect(() => canonicalDeviceId('imei:1')).toThrow(EventRejectedError);
    let caught: unknown;
    try {
      canonicalDeviceId('nope');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EventRejectedError);
    expect((caught as EventRejectedError).code).toBe(RejectionCode.INVALID_DEVICE_ID);
    expect((caught as EventRejectedError).name).toBe('EventRejectedError');
    expect((caught as EventRejectedError).message).toMatch(
      /^EVENT\.INVALID_DEVICE_ID: deviceId has no scheme/,
    );
  });
});
