import { IssuanceEnv } from '../issuance.env';
import { RetrySchedule } from './retry-schedule';

/** The webhook relay's knobs, from the environment (IssuanceEnv ISSUANCE_WEBHOOK_*). */
export interface WebhookSettings {
  timeoutMs: number;
  retry: RetrySchedule;
  maxAttempts: number;
  pollMs: number;
}

export const WEBHOOK_SETTINGS = Symbol('WEBHOOK_SETTINGS');

export function webhookSettings(env: IssuanceEnv): {
  provide: typeof WEBHOOK_SETTINGS;
  useValue: WebhookSettings;
} {
  return {
    provide: WEBHOOK_SETTINGS,
    useValue: {
      timeoutMs: env.ISSUANCE_WEBHOOK_TIMEOUT_MS,
      retry: { baseMs: env.ISSUANCE_WEBHOOK_RETRY_BASE_MS, maxMs: env.ISSUANCE_WEBHOOK_RETRY_MAX_MS },
      maxAttempts: env.ISSUANCE_WEBHOOK_MAX_ATTEMPTS,
      pollMs: env.ISSUANCE_WEBHOOK_POLL_MS,
    },
  };
}
