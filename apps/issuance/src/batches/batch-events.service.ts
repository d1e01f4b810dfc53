import { Inject, Injectable } from '@nestjs/common';
import {
  BATCH_TRANSITION_TYPES,
  BatchSnapshot,
  batchTransitionTopicRecord,
  RecordSigner,
} from '@refurb/contracts';
import { OutboxWriter } from '@refurb/kafka';
import { EntityManager } from 'typeorm';
import { BatchActor } from '../batch-history/batch-actor';
import { BatchAction, BatchHistoryRepository } from '../batch-history/batch-history.repository';
import { BATCH_RECORD_SIGNER } from '../issuance-keys';
import { WebhookDeliveryRepository } from '../webhooks/webhook-delivery.repository';

/**
 * Records a transition in the transaction that made it: the audit trail's entry (who, when), the
 * announcement on the finance topic through the outbox, and a webhook delivery per active subscription,
 * so all of them exist if and only if the transition does. The record is signed so finance can tell it
 * from a forgery; webhooks carry the same signed record. Keyed by project: one project's closes reach
 * finance in close order, which is the order of its serial blocks and of its carry chain.
 */
@Injectable()
export class BatchEventsService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly history: BatchHistoryRepository,
    private readonly webhooks: WebhookDeliveryRepository,
    @Inject(BATCH_RECORD_SIGNER) private readonly signer: RecordSigner,
  ) {}

  async recordTransition(
    manager: EntityManager,
    snapshot: BatchSnapshot,
    action: BatchAction,
    actor: BatchActor,
  ): Promise<void> {
    if (snapshot.state === 'open') throw new Error(`batch ${snapshot.id}: an open batch made no transition`);
    const record = batchTransitionTopicRecord(snapshot, this.signer);
    await this.history.append(manager, snapshot.id, action, actor);
    await this.outbox.append(manager, [record]);
    await this.webhooks.enqueue(manager, {
      batchId: snapshot.id,
      eventType: BATCH_TRANSITION_TYPES[snapshot.state],
      body: record.value.toString('utf8'),
    });
  }
}
