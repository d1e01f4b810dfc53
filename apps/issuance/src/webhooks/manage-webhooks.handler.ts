import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BatchActor } from '../batch-history/batch-actor';
import { IssuanceException } from '../issuance.exception';
import { WebhookDelivery, WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookSubscription, WebhookSubscriptionRepository } from './webhook-subscription.repository';
import { WEBHOOK_SETTINGS, WebhookSettings } from './webhook-settings';
import { checkWebhookUrl } from './webhook-url';

/** The secret is in this answer only: the API never shows it again. */
export type CreatedWebhook = WebhookSubscription & { secret: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Subscriptions (admin) and the delivery log with its redeliver action. */
@Injectable()
export class ManageWebhooksHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {}

  async create(input: { url: string; description?: string }, actor: BatchActor): Promise<CreatedWebhook> {
    const check = checkWebhookUrl(input.url);
    if (!check.ok) throw new IssuanceException('ISSUANCE.INVALID_REQUEST', `url ${check.problem}`);
    // 256 random bits: the HMAC key, as long as its output.
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const subscription = await this.subscriptions.insert(this.dataSource.manager, {
      id: `wh_${randomBytes(9).toString('base64url').replace(/[-_]/g, '0')}`,
      url: check.url,
      secret,
      description: input.description ?? null,
      createdBy: actor,
    });
    return { ...subscription, secret };
  }

  list(): Promise<WebhookSubscription[]> {
    return this.subscriptions.list(this.dataSource.manager);
  }

  /** Stops deliveries to it: its pending ones are cancelled; its log stays readable. */
  delete(id: string): Promise<WebhookSubscription> {
    return this.dataSource.transaction(async (manager) => {
      const deleted = await this.subscriptions.markDeleted(manager, id);
      if (!deleted) throw new IssuanceException('ISSUANCE.WEBHOOK_NOT_FOUND', `no webhook ${id}`);
      await this.deliveries.cancelPendingOf(manager, id);
      return deleted;
    });
  }

  async deliveriesOf(
    subscriptionId: string,
    page: { limit: number; offset: number },
  ): Promise<WebhookDelivery[]> {
    const manager = this.dataSource.manager;
    if (!(await this.subscriptions.find(manager, subscriptionId))) {
      throw new IssuanceException('ISSUANCE.WEBHOOK_NOT_FOUND', `no webhook ${subscriptionId}`);
    }
    return this.deliveries.listForSubscription(manager, subscriptionId, page);
  }

  /**
   * Sends the delivery again, now, with a fresh attempt budget: the same id and body (the receiver
   * de-duplicates by id), freshly signed. For a receiver that lost or refused it.
   */
  redeliver(deliveryId: string): Promise<WebhookDelivery> {
    return this.dataSource.transaction(async (manager) => {
      const delivery = UUID.test(deliveryId) ? await this.deliveries.find(manager, deliveryId) : undefined;
      if (!delivery) {
        throw new IssuanceException(
          'ISSUANCE.WEBHOOK_DELIVERY_NOT_FOUND',
          `no webhook delivery ${deliveryId}`,
        );
      }
      const subscription = await this.subscriptions.find(manager, delivery.subscriptionId);
      if (subscription?.deletedAt) {
        throw new IssuanceException(
          'ISSUANCE.WEBHOOK_DELETED',
          `webhook ${delivery.subscriptionId} was deleted`,
        );
      }
      await this.deliveries.scheduleRedelivery(manager, deliveryId, this.settings.maxAttempts);
      return (await this.deliveries.find(manager, deliveryId))!;
    });
  }
}
