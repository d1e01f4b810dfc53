import { NotFoundException } from '@nestjs/common';
import { GATEWAY_ERRORS, GatewayErrorCode } from './gateway-error-code';
import { toErrorAnswer } from './gateway-exception.filter';
import { GatewayException, RateLimitedException } from './gateway.exception';

describe('toErrorAnswer', () => {
  it.each(Object.values(GatewayErrorCode))('answers %s with its status and code', (code) => {
    const answer = toErrorAnswer(new GatewayException(code, 'why'));
    expect(answer).toEqual({
      status: GATEWAY_ERRORS[code].status,
      body: { code, message: 'why' },
      headers: {},
    });
  });

  it('maps the documented statuses', () => {
    const status = (code: GatewayErrorCode) => GATEWAY_ERRORS[code].status;
    expect(status(GatewayErrorCode.MALFORMED_JSON)).toBe(400);
    expect(status(GatewayErrorCode.INVALID_API_KEY)).toBe(401);
    expect(status(GatewayErrorCode.PAYLOAD_TOO_LARGE)).toBe(413);
    expect(status(GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE)).toBe(415);
    expect(status(GatewayErrorCode.RATE_LIMITED)).toBe(429);
    expect(status(GatewayErrorCode.KAFKA_UNAVAILABLE)).toBe(503);
  });

  it('adds Retry-After to a rate-limit answer', () => {
    const answer = toErrorAnswer(new RateLimitedException(7));
    expect(answer.status).toBe(429);
    expect(answer.headers).toEqual({ 'Retry-After': '7' });
    expect(answer.body.code).toBe(GatewayErrorCode.RATE_LIMITED);
  });

  it('answers an unknown route 404', () => {
    expect(toErrorAnswer(new NotFoundException('Cannot GET /nope')).body.code).toBe(
      GatewayErrorCode.NOT_FOUND,
    );
  });

  it('answers anything else 500 without its details, and logs it', () => {
    const logged: unknown[] = [];
    const fault = new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2');
    const answer = toErrorAnswer(fault, (error) => logged.push(error));
    expect(answer.status).toBe(500);
    expect(answer.body.code).toBe(GatewayErrorCode.INTERNAL);
    expect(JSON.stringify(answer)).not.toMatch(/ECONNREFUSED|hunter2|5432/);
    expect(logged).toEqual([fault]);
  });
});
