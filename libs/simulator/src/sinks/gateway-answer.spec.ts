import { isErrorAnswer, isIngestAnswer, retryAfterMs } from './gateway-answer';

describe('gateway answers', () => {
  it('recognises a 202 body and an error body', () => {
    expect(
      isIngestAnswer({
        accepted: 1,
        rejected: 1,
        results: [
          { index: 0, id: 'a', status: 'accepted', topic: 'devices.collection.v1' },
          { index: 1, id: null, status: 'rejected', code: 'EVENT.INVALID_IMEI', message: 'x' },
        ],
      }),
    ).toBe(true);
    expect(isIngestAnswer({ accepted: 1, rejected: 0, results: [{ status: 'rejected' }] })).toBe(false);
    expect(isIngestAnswer([])).toBe(false);
    expect(isErrorAnswer({ code: 'GATEWAY.MALFORMED_JSON', message: 'bad' })).toBe(true);
    expect(isErrorAnswer({ code: 1 })).toBe(false);
  });

  it('reads Retry-After in seconds or as a date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Wed, 01 Jan 2025 00:00:02 GMT', now)).toBe(2000);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});
