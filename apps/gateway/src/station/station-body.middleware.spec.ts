import { GatewayErrorCode } from '../errors/gateway-error-code';
import { stationBodyError } from './station-body.middleware';

describe('stationBodyError', () => {
  it.each([
    ['entity.parse.failed', GatewayErrorCode.MALFORMED_JSON],
    ['entity.too.large', GatewayErrorCode.PAYLOAD_TOO_LARGE],
    ['charset.unsupported', GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE],
  ])("answers Express's %s as %s", (type, code) => {
    expect(stationBodyError(Object.assign(new Error('parser'), { type })).code).toBe(code);
  });
});
