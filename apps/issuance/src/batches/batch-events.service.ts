import { Inject, Injectable } from '@nestjs/common';
import { BatchSnapshot, batchTransitionTopicRecord, RecordSigner } from '@refurb/contracts';
import { OutboxWriter } from '@refurb/kafka';
import { EntityManager } from 'typeorm';
import { BATCH_RECORD_SIGNER } from '../issuance-keys';

/**
 * Announces a transition on the finance topic through the outbox, in the transaction that made it, so
 * the event exists if and only if the transition does, signed so finance can tell it from a forgery. Keyed by project: one project's closes reach
 * finance in close order, which is the order of its serial blocks and of its carry chain.
 */
@Injectable()
export class BatchEventsService {
  constructor(
    private readonly outbox: OutboxWriter,
    @Inject(BATCH_RECORD_SIGNER) private readonly signer: RecordSigner,
  ) {}

  async announce(manager: EntityManager, snapshot: BatchSnapshot): Promise<void> {
    await this.outbox.append(manager, [batchTransitionTopicRecord(snapshot, this.signer)]);
  }
}
