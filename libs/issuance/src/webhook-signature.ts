import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures (README "Webhooks"): `Refurb-Webhook-Signature: v1=<hex HMAC-SHA256>` over
 * `<Refurb-Webhook-Timestamp>.<raw body>`, keyed with the subscription's secret. The timestamp (Unix
 * seconds) is signed so a captured request cannot be replayed later than the receiver's tolerance; the
 * scheme is versioned so another can be added beside `v1` without breaking receivers.
 */
export const WEBHOOK_HEADERS = {
  id: 'Refurb-Webhook-Id',
  timestamp: 'Refurb-Webhook-Timestamp',
  signature: 'Refurb-Webhook-Signature',
} as const;

const DEFAULT_TOLERANCE_SECONDS = 300;

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type WebhookVerdict =
  { valid: true } | { valid: false; reason: 'MALFORMED' | 'STALE' | 'BAD_SIGNATURE' };

/**
 * What a receiver does with a delivery: recompute the signature over the raw body and compare in
 * constant time, and refuse a timestamp outside the tolerance. The header may carry several `v1=`
 * values (comma-separated); any one matching is enough.
 */
export function verifyWebhookSignature(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
  nowSeconds?: number;
  toleranceSeconds?: number;
}): WebhookVerdict {
  const timestamp = Number(input.timestamp);
  if (!input.signature || !/^\d{1,12}$/.test(input.timestamp ?? ''))
    return { valid: false, reason: 'MALFORMED' };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { valid: false, reason: 'STALE' };
  }
  const expected = Buffer.from(webhookSignature(input.secret, timestamp, input.body));
  const matches = input.signature
    .split(',')
    .map((candidate) => Buffer.from(candidate.trim()))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
  return matches ? { valid: true } : { valid: false, reason: 'BAD_SIGNATURE' };
}
