import { WEBHOOK_HEADERS, webhookSignature } from '@refurb/issuance';

export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

const MAX_ERROR_LENGTH = 500;

/**
 * One POST of a delivery: the body as stored, signed afresh with the attempt's timestamp, under the
 * delivery's stable id. Redirects are not followed (a receiver moving must update its subscription, and
 * a redirect must not carry signed records elsewhere); the answer's body is not read beyond what closing
 * the connection needs.
 */
export async function sendWebhook(
  delivery: { id: string; url: string; secret: string; body: string },
  timeoutMs: number,
  now: () => number = Date.now,
): Promise<SendResult> {
  const started = now();
  const timestamp = Math.floor(started / 1000);
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'refurb-ledger-webhooks/1',
        [WEBHOOK_HEADERS.id]: delivery.id,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: webhookSignature(delivery.secret, timestamp, delivery.body),
      },
      body: delivery.body,
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return {
      statusCode: response.status,
      error: ok ? null : `HTTP ${response.status}`,
      durationMs: now() - started,
    };
  } catch (error) {
    // AbortSignal.timeout rejects with a DOMException, which is not an Error in every Node version.
    const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
    const reason = timedOut ? `timed out after ${timeoutMs} ms` : describe(error);
    return { statusCode: null, error: reason.slice(0, MAX_ERROR_LENGTH), durationMs: now() - started };
  }
}

// fetch wraps network failures in "fetch failed" with the useful part (ECONNREFUSED…) as the cause.
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
