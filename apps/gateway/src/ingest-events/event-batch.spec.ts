import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayException } from '../errors/gateway.exception';
import { MAX_BATCH_EVENTS, readEventBatch } from './event-batch';

function codeOf(read: () => unknown): string | undefined {
  try {
    read();
    return undefined;
  } catch (error) {
    return error instanceof GatewayException ? error.code : `not a GatewayException: ${String(error)}`;
  }
}

const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('readEventBatch', () => {
  it('reads one event as a batch of one and an array as itself', () => {
    expect(readEventBatch(body({ id: 'a' }))).toEqual([{ id: 'a' }]);
    expect(readEventBatch(body([{ id: 'a' }, 42]))).toEqual([{ id: 'a' }, 42]);
  });

  it('accepts a UTF-8 byte order mark', () => {
    expect(readEventBatch(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body({ id: 'a' })]))).toEqual([
      { id: 'a' },
    ]);
  });

  it('refuses bodies that are not JSON as MALFORMED_JSON', () => {
    expect(codeOf(() => readEventBatch(undefined))).toBe(GatewayErrorCode.MALFORMED_JSON);
    expect(codeOf(() => readEventBatch(Buffer.alloc(0)))).toBe(GatewayErrorCode.MALFORMED_JSON);
    expect(codeOf(() => readEventBatch(Buffer.from('{"id": ')))).toBe(GatewayErrorCode.MALFORMED_JSON);
    expect(codeOf(() => readEventBatch(Buffer.from([0x5b, 0xff, 0x5d])))).toBe(
      GatewayErrorCode.MALFORMED_JSON,
    );
  });

  it('refuses JSON that is neither an object nor an array as INVALID_BODY', () => {
    for (const value of ['text', 12, null, true]) {
      expect(codeOf(() => readEventBatch(body(value)))).toBe(GatewayErrorCode.INVALID_BODY);
    }
  });

  it('refuses an empty array and one over the limit', () => {
    expect(codeOf(() => readEventBatch(body([])))).toBe(GatewayErrorCode.EMPTY_BATCH);
    expect(readEventBatch(body(new Array(MAX_BATCH_EVENTS).fill({})))).toHaveLength(MAX_BATCH_EVENTS);
    expect(codeOf(() => readEventBatch(body(new Array(MAX_BATCH_EVENTS + 1).fill({}))))).toBe(
      GatewayErrorCode.BATCH_TOO_LARGE,
    );
  });
});
