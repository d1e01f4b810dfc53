import { Injectable } from '@nestjs/common';
import { assertTransition } from '@refurb/issuance';
import { DataSource } from 'typeorm';
import { BatchActor } from '../batch-history/batch-actor';
import { IssuanceException } from '../issuance.exception';
import { BatchEventsService } from './batch-events.service';
import { toBatchSnapshot } from '../storage/batch-row';
import { BatchTransitionResult } from './batch-transition-result';
import { BatchRepository } from '../storage/batch.repository';

export interface Verification {
  verifierName: string;
  reportReference: string;
}

/**
 * Records the verifier's audit of a closed batch. Repeating the same verification is a no-op; any
 * other request out of order is BATCH.INVALID_TRANSITION.
 */
@Injectable()
export class VerifyBatchHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchRepository,
    private readonly events: BatchEventsService,
  ) {}

  verify(batchId: string, verification: Verification, actor: BatchActor): Promise<BatchTransitionResult> {
    return this.dataSource.transaction(async (manager) => {
      const batch = await this.batches.lockForTransition(manager, batchId);
      if (!batch) throw new IssuanceException('ISSUANCE.BATCH_NOT_FOUND', `no batch ${batchId}`);
      const sameVerification =
        batch.verifier_name === verification.verifierName &&
        batch.report_reference === verification.reportReference;
      if (sameVerification && (batch.state === 'verified' || batch.state === 'issued')) {
        return { batch: toBatchSnapshot(batch), replayed: true };
      }
      assertTransition(batch.state, 'verified');
      const snapshot = toBatchSnapshot(await this.batches.markVerified(manager, batchId, verification));
      await this.events.recordTransition(manager, snapshot, 'verify', actor);
      return { batch: snapshot, replayed: false };
    });
  }
}
