import { Injectable } from '@nestjs/common';
import { BatchSnapshot, batchTransitionTopicRecord } from '@refurb/contracts';
import { OutboxWriter } from '@refurb/kafka';
import { EntityManager } from 'typeorm';

/**
 * Announces a transition on the finance topic through the outbox, in the transaction that made it, so
 * the event exists if and only if the transition does. Keyed by project: one project's closes reach
 * finance in close order, which is the order of its serial blocks and of its carry chain.
 */
@Injectable()
export class BatchEventsService {
  constructor(private readonly outbox: OutboxWriter) {}

  async announce(manager: EntityManager, snapshot: BatchSnapshot): Promise<void> {
    await this.outbox.append(manager, [batchTransitionTopicRecord(snapshot)]);
  }
}
