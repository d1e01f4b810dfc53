import { createHmac } from 'node:crypto';
import { verifyWebhookSignature, webhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"B-1/closed"}';
  const timestamp = 1_764_000_000;

  it('is the hex HMAC-SHA256 of "<timestamp>.<body>", versioned v1', () => {
    const hex = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    expect(webhookSignature(secret, timestamp, body)).toBe(`v1=${hex}`);
  });

  const verify = (overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]>) =>
    verifyWebhookSignature({
      secret,
      body,
      timestamp: String(timestamp),
      signature: webhookSignature(secret, timestamp, body),
      nowSeconds: timestamp + 10,
      ...overrides,
    });

  it('accepts its own signature, also among others during a secret rotation', () => {
    expect(verify({})).toEqual({ valid: true });
    expect(verify({ signature: `v1=00, ${webhookSignature(secret, timestamp, body)}` })).toEqual({
      valid: true,
    });
  });

  it('refuses a changed body, another secret, a stale or missing timestamp', () => {
    expect(verify({ body: '{"id":"B-2/closed"}' })).toEqual({ valid: false, reason: 'BAD_SIGNATURE' });
    expect(verify({ secret: 'whsec_other' })).toEqual({ valid: false, reason: 'BAD_SIGNATURE' });
    expect(verify({ nowSeconds: timestamp + 301 })).toEqual({ valid: false, reason: 'STALE' });
    expect(verify({ timestamp: undefined })).toEqual({ valid: false, reason: 'MALFORMED' });
    expect(verify({ signature: undefined })).toEqual({ valid: false, reason: 'MALFORMED' });
  });
});
