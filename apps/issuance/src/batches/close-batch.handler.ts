import { Injectable } from '@nestjs/common';
import { assertTransition, planClose } from '@refurb/issuance';
import { DataSource, EntityManager } from 'typeorm';
import { BatchActor } from '../batch-history/batch-actor';
import { IssuanceException } from '../issuance.exception';
import { ProjectRepository } from '../storage/project.repository';
import { BatchEventsService } from './batch-events.service';
import { readCloseFacts } from './close-facts';
import { toBatchSnapshot } from '../storage/batch-row';
import { BatchTransitionResult } from './batch-transition-result';
import { BatchRepository } from '../storage/batch.repository';
import { EvidenceCsvChunks } from '../evidence/evidence-csv-chunks';

/**
 * Closes a batch (docs/methodology.md#batch-close): freezes it, computes its totals with the project's
 * discount and the carry-over of the project's previous closed batch, assigns the next serial block of
 * the project, and announces it. Locks: the batch FOR UPDATE (waits for lines being added, serialises
 * closes of the batch), then the project (serialises closes of the project, hence serials and the carry
 * chain).
 *
 * The SHA-256 of the batch's evidence CSV is computed in the same transaction, once the totals are
 * frozen, and stored with them (GET /v1/batches/:id/evidence.csv serves those bytes from then on).
 *
 * Closing a batch that is already closed (or further) is an idempotent no-op returning its frozen
 * totals: a retried or racing close never issues serials twice.
 */
@Injectable()
export class CloseBatchHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchRepository,
    private readonly projects: ProjectRepository,
    private readonly events: BatchEventsService,
    private readonly evidenceCsv: EvidenceCsvChunks,
  ) {}

  close(batchId: string, actor: BatchActor): Promise<BatchTransitionResult> {
    return this.dataSource.transaction((manager) => this.closeIn(manager, batchId, actor));
  }

  private async closeIn(
    manager: EntityManager,
    batchId: string,
    actor: BatchActor,
  ): Promise<BatchTransitionResult> {
    const batch = await this.batches.lockForTransition(manager, batchId);
    if (!batch) throw new IssuanceException('ISSUANCE.BATCH_NOT_FOUND', `no batch ${batchId}`);
    if (batch.state !== 'open') return { batch: toBatchSnapshot(batch), replayed: true };
    assertTransition(batch.state, 'closed');
    const project = await this.projects.lockForClose(manager, batch.project_id);
    if (!project) throw new IssuanceException('ISSUANCE.PROJECT_NOT_FOUND', `no project ${batch.project_id}`);
    const plan = planClose(await readCloseFacts(manager, this.batches, batch, project));
    const closed = await this.batches.markClosed(manager, batch.id, {
      closeSequence: plan.closeSequence,
      previousBatchId: plan.previousBatchId,
      ...plan.totals,
      serials: plan.serials,
    });
    if (plan.serials) await this.projects.setLastSerial(manager, project.id, plan.serials.last);
    // The totals are frozen: from now on the download serves exactly these bytes (the state comment
    // reads `closed` for ever), so their digest is recorded with them.
    await this.batches.setEvidenceSha256(manager, batch.id, await this.evidenceCsv.sha256(manager, batch.id));
    const snapshot = toBatchSnapshot(closed);
    await this.events.recordTransition(manager, snapshot, 'close', actor);
    return { batch: snapshot, replayed: false };
  }
}
