import { setTimeout as sleep } from 'node:timers/promises';
import { SimulatorErrorCode, SimulatorException } from '../simulator.exception';
import { ErrorAnswer, IngestAnswer, isErrorAnswer, isIngestAnswer, retryAfterMs } from './gateway-answer';

export interface GatewayClientOptions {
  /** Base URL of the gateway, e.g. http://127.0.0.1:3000. */
  url: string;
  /** Attempts per request before giving up on 429, 503 or an unreachable gateway (default 8). */
  maxAttempts?: number;
  /** First back-off after a 503 or a network error, doubled at each retry up to 10 s (default 250 ms). */
  retryDelayMs?: number;
}

/** A final answer: the per-event 202, or a request refused as a whole (bad JSON). */
export type PostOutcome =
  { kind: 'ingested'; answer: IngestAnswer } | { kind: 'refused'; error: ErrorAnswer };

const MAX_RETRY_DELAY_MS = 10_000;

/**
 * `POST /v1/events` with one partner's key. Retries what the gateway documents as retryable: 429
 * after `Retry-After`, 503 (Kafka did not acknowledge: nothing of the request was accepted) and
 * network errors, with exponential back-off. Re-sending is safe: events are de-duplicated by id.
 */
export class GatewayClient {
  private readonly endpoint: string;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  retries = 0;

  constructor(options: GatewayClientOptions) {
    this.endpoint = new URL('/v1/events', options.url).toString();
    this.maxAttempts = options.maxAttempts ?? 8;
    this.retryDelayMs = options.retryDelayMs ?? 250;
  }

  /** `refusable`: a 400 with one of these codes is an expected answer (a malformed body on purpose). */
  async post(apiKey: string, body: Buffer, refusable: readonly string[] = []): Promise<PostOutcome> {
    let backoff = this.retryDelayMs;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(this.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
          body,
        });
      } catch (error) {
        await this.beforeRetry(attempt, backoff, `the gateway at ${this.endpoint} is unreachable`, error);
        backoff = Math.min(backoff * 2, MAX_RETRY_DELAY_MS);
        continue;
      }
      const payload: unknown = await response.json().catch(() => undefined);
      if (response.status === 202 && isIngestAnswer(payload)) return { kind: 'ingested', answer: payload };
      if (response.status === 400 && isErrorAnswer(payload) && refusable.includes(payload.code)) {
        return { kind: 'refused', error: payload };
      }
      if (response.status === 429 || response.status === 503) {
        const wait =
          response.status === 429 ? (retryAfterMs(response.headers.get('retry-after')) ?? backoff) : backoff;
        await this.beforeRetry(attempt, wait, `the gateway answered ${response.status}`);
        backoff = Math.min(backoff * 2, MAX_RETRY_DELAY_MS);
        continue;
      }
      const detail = isErrorAnswer(payload) ? `${payload.code}: ${payload.message}` : JSON.stringify(payload);
      throw new SimulatorException(
        SimulatorErrorCode.GATEWAY_REFUSED,
        `POST ${this.endpoint} answered ${response.status} (${detail})`,
      );
    }
  }

  private async beforeRetry(attempt: number, delayMs: number, what: string, cause?: unknown): Promise<void> {
    if (attempt >= this.maxAttempts) {
      throw new SimulatorException(
        SimulatorErrorCode.GATEWAY_UNAVAILABLE,
        `${what}, still after ${attempt} attempts`,
        { cause },
      );
    }
    this.retries++;
    await sleep(delayMs);
  }
}
