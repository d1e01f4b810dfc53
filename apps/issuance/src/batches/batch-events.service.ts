import { Inject, Injectable } from '@nestjs/common';
import { BatchSnapshot, batchTransitionTopicRecord, RecordSigner } from '@refurb/contracts';
import { OutboxWriter } from '@refurb/kafka';
import { EntityManager } from 'typeorm';
import { BatchActor } from '../batch-history/batch-actor';
import { BatchAction, BatchHistoryRepository } from '../batch-history/batch-history.repository';
import { BATCH_RECORD_SIGNER } from '../issuance-keys';

/**
 * Records a transition in the transaction that made it: the audit trail's entry (who, when) and the
 * announcement on the finance topic through the outbox, so both exist if and only if the transition
 * does. The record is signed so finance can tell it from a forgery. Keyed by project: one project's
 * closes reach finance in close order, which is the order of its serial blocks and of its carry chain.
 */
@Injectable()
export class BatchEventsService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly history: BatchHistoryRepository,
    @Inject(BATCH_RECORD_SIGNER) private readonly signer: RecordSigner,
  ) {}

  async recordTransition(
    manager: EntityManager,
    snapshot: BatchSnapshot,
    action: BatchAction,
    actor: BatchActor,
  ): Promise<void> {
    await this.history.append(manager, snapshot.id, action, actor);
    await this.outbox.append(manager, [batchTransitionTopicRecord(snapshot, this.signer)]);
  }
}
