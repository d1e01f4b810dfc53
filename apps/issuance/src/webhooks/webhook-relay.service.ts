import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { retryDelayMs } from './retry-schedule';
import { ClaimedDelivery, WebhookDeliveryRepository } from './webhook-delivery.repository';
import { sendWebhook } from './webhook-sender';
import { WEBHOOK_SETTINGS, WebhookSettings } from './webhook-settings';

// Deliveries sent at once by one instance; more wait for the next round.
const CLAIM_LIMIT = 16;
// A leased delivery is retried after its attempt's timeout plus this margin, should this instance die.
const LEASE_MARGIN_MS = 5_000;

/**
 * Sends due webhook deliveries: leases them (so a crash leaves them to be retried, under the same
 * delivery id), POSTs each, and records the attempt — delivered on 2xx, else retried with back-off and
 * jitter until the attempt budget is spent. Runs in the service only, and finds what to send by polling
 * (ISSUANCE_WEBHOOK_POLL_MS), so deliveries the operators' CLI enqueues go out too.
 */
@Injectable()
export class WebhookRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: WebhookDeliveryRepository,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the in-flight attempts finish (each is bounded by the timeout), so none is left half-recorded. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const sent = await this.relayOnce();
        if (sent === 0) await this.idle(this.settings.pollMs);
      } catch (error) {
        this.logger.warn(
          `Relaying webhooks failed, retrying in ${this.settings.pollMs} ms: ${(error as Error).message}`,
        );
        await this.idle(this.settings.pollMs);
      }
    }
  }

  private idle(ms: number): Promise<void> {
    const controller = new AbortController();
    this.wake = () => controller.abort();
    return sleep(ms, undefined, { signal: controller.signal }).catch(() => undefined);
  }

  private async relayOnce(): Promise<number> {
    const claimed = await this.deliveries.claimDue(
      this.dataSource.manager,
      CLAIM_LIMIT,
      this.settings.timeoutMs + LEASE_MARGIN_MS,
    );
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const startedAt = new Date();
    const result = await sendWebhook(delivery, this.settings.timeoutMs);
    const delivered = result.error === null;
    const givingUp = !delivered && delivery.attempt >= (delivery.giveUpAfter ?? this.settings.maxAttempts);
    if (!delivered) {
      this.logger.warn(
        `Webhook delivery ${delivery.id} attempt ${delivery.attempt} failed (${result.error})${givingUp ? ', giving up' : ''}`,
      );
    }
    const outcome = {
      attempt: delivery.attempt,
      startedAt,
      durationMs: result.durationMs,
      statusCode: result.statusCode,
      error: result.error,
      delivered,
      retryInMs: delivered || givingUp ? null : retryDelayMs(delivery.attempt, this.settings.retry),
    };
    await this.dataSource.transaction((manager) =>
      this.deliveries.recordAttempt(manager, delivery.id, outcome),
    );
  }
}
