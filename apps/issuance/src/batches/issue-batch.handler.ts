import { Injectable } from '@nestjs/common';
import { assertTransition } from '@refurb/issuance';
import { DataSource } from 'typeorm';
import { BatchActor } from '../batch-history/batch-actor';
import { IssuanceException } from '../issuance.exception';
import { BatchEventsService } from './batch-events.service';
import { toBatchSnapshot } from '../storage/batch-row';
import { BatchTransitionResult } from './batch-transition-result';
import { BatchRepository } from '../storage/batch.repository';

/**
 * Records that the registry issued a verified batch's credits. Repeating the same registry reference
 * is a no-op; anything else out of order is BATCH.INVALID_TRANSITION.
 */
@Injectable()
export class IssueBatchHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchRepository,
    private readonly events: BatchEventsService,
  ) {}

  issue(batchId: string, registryReference: string, actor: BatchActor): Promise<BatchTransitionResult> {
    return this.dataSource.transaction(async (manager) => {
      const batch = await this.batches.lockForTransition(manager, batchId);
      if (!batch) throw new IssuanceException('ISSUANCE.BATCH_NOT_FOUND', `no batch ${batchId}`);
      if (batch.state === 'issued' && batch.registry_reference === registryReference) {
        return { batch: toBatchSnapshot(batch), replayed: true };
      }
      assertTransition(batch.state, 'issued');
      const snapshot = toBatchSnapshot(await this.batches.markIssued(manager, batchId, registryReference));
      await this.events.recordTransition(manager, snapshot, 'issue', actor);
      return { batch: snapshot, replayed: false };
    });
  }
}
