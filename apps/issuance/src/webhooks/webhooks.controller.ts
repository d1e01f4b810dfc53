import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Roles } from '../auth/roles.decorator';
import { Actor } from '../batch-history/actor.decorator';
import { BatchActor } from '../batch-history/batch-actor';
import { IssuanceApi } from '../http/issuance-api.decorator';
import { CreateWebhookDto } from './create-webhook.dto';
import { ListDeliveriesQueryDto } from './list-deliveries-query.dto';
import { CreatedWebhook, ManageWebhooksHandler } from './manage-webhooks.handler';
import { WebhookDelivery } from './webhook-delivery.repository';
import { WebhookSubscription } from './webhook-subscription.repository';

/**
 * Webhooks for finance systems without Kafka: admins manage subscriptions (where signed records go is
 * a security decision); finance and admins read the delivery log and redeliver.
 */
@IssuanceApi()
@Controller('v1')
export class WebhooksController {
  constructor(private readonly webhooks: ManageWebhooksHandler) {}

  @Post('webhooks')
  @Roles('admin')
  create(@Body() body: CreateWebhookDto, @Actor() actor: BatchActor): Promise<CreatedWebhook> {
    return this.webhooks.create(body, actor);
  }

  @Get('webhooks')
  @Roles('admin')
  list(): Promise<WebhookSubscription[]> {
    return this.webhooks.list();
  }

  @Delete('webhooks/:id')
  @Roles('admin')
  delete(@Param('id') id: string): Promise<WebhookSubscription> {
    return this.webhooks.delete(id);
  }

  @Get('webhooks/:id/deliveries')
  @Roles('admin', 'finance')
  deliveries(@Param('id') id: string, @Query() query: ListDeliveriesQueryDto): Promise<WebhookDelivery[]> {
    return this.webhooks.deliveriesOf(id, { limit: query.limit, offset: query.offset });
  }

  @Post('webhook-deliveries/:id/redeliver')
  @HttpCode(202)
  @Roles('admin', 'finance')
  redeliver(@Param('id') id: string): Promise<WebhookDelivery> {
    return this.webhooks.redeliver(id);
  }
}
