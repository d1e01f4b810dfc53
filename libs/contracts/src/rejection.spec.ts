import { EventRejectedError, isRejectionCode, reject, REJECTION_CODES, RejectionCode } from './rejection';

describe('rejection catalogue', () => {
  it('holds unique dotted EVENT codes named after their keys', () => {
    for (const [key, code] of Object.entries(RejectionCode)) {
      expect(code).toBe(`EVENT.${key}`);
    }
    expect(new Set(REJECTION_CODES).size).toBe(REJECTION_CODES.length);
  });

  it('includes the codes decided outside the validator', () => {
    expect(RejectionCode.ID_REUSED).toBe('EVENT.ID_REUSED');
    expect(RejectionCode.PART_NOT_IN_CATEGORY).toBe('EVENT.PART_NOT_IN_CATEGORY');
  });

  it('recognises codes', () => {
    expect(isRejectionCode('EVENT.INVALID_IMEI')).toBe(true);
    expect(isRejectionCode('EVENT_ID_REUSED')).toBe(false);
    expect(isRejectionCode(undefined)).toBe(false);
  });

  it('builds results without an undefined field', () => {
    expect(reject(RejectionCode.MALFORMED_JSON, 'bad')).toStrictEqual({
      ok: false,
      rejection: { code: 'EVENT.MALFORMED_JSON', message: 'bad' },
    });
    expect(reject(RejectionCode.INVALID_COUNTRY, 'bad', 'data.country').rejection.field).toBe('data.country');
  });

  it('wraps a rejection in a typed error', () => {
    const error = new EventRejectedError({
      code: RejectionCode.ID_REUSED,
      message: 'id e1 reused',
      field: 'id',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('EventRejectedError');
    expect(error.code).toBe('EVENT.ID_REUSED');
    expect(error.message).toBe('EVENT.ID_REUSED: id e1 reused');
    expect(error.rejection.field).toBe('id');
  });
});
