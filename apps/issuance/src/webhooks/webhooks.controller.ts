import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
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
  @ApiOperation({
    summary: 'Subscribes a URL to batch transitions; the answer shows its signing secret, once',
  })
  @Roles('admin')
  create(@Body() body: CreateWebhookDto, @Actor() actor: BatchActor): Promise<CreatedWebhook> {
    return this.webhooks.create(body, actor);
  }

  @Get('webhooks')
  // Finance reads them too: the console's delivery log starts from the subscription it is about.
  @ApiOperation({ summary: 'The subscriptions, without their secrets' })
  @Roles('admin', 'finance')
  list(): Promise<WebhookSubscription[]> {
    return this.webhooks.list();
  }

  @Delete('webhooks/:id')
  @ApiOperation({
    summary: 'Stops deliveries to the subscription (pending ones are cancelled); its log stays',
  })
  @Roles('admin')
  delete(@Param('id') id: string): Promise<WebhookSubscription> {
    return this.webhooks.delete(id);
  }

  @Get('webhooks/:id/deliveries')
  @ApiOperation({ summary: 'The delivery log, newest first: status, every attempt, the next attempt' })
  @Roles('admin', 'finance')
  deliveries(@Param('id') id: string, @Query() query: ListDeliveriesQueryDto): Promise<WebhookDelivery[]> {
    return this.webhooks.deliveriesOf(id, { limit: query.limit, offset: query.offset });
  }

  @Post('webhook-deliveries/:id/redeliver')
  @ApiOperation({ summary: 'Sends the delivery again now, same id, with a fresh attempt budget' })
  @HttpCode(202)
  @Roles('admin', 'finance')
  redeliver(@Param('id') id: string): Promise<WebhookDelivery> {
    return this.webhooks.redeliver(id);
  }
}
