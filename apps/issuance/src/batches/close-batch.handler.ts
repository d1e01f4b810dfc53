import { Injectable } from '@nestjs/common';
import { assertTransition, computeCloseTotals, formatSerialBlock, nextSerialBlock } from '@refurb/issuance';
import { DataSource, EntityManager } from 'typeorm';
import { IssuanceException } from '../issuance.exception';
import { ProjectRepository } from '../storage/project.repository';
import { BatchEventsService } from './batch-events.service';
import { toBatchSnapshot } from '../storage/batch-row';
import { BatchTransitionResult } from './batch-transition-result';
import { BatchRepository } from '../storage/batch.repository';

/**
 * Closes a batch (docs/methodology.md#batch-close): freezes it, computes its totals with the project's
 * discount and the carry-over of the project's previous closed batch, assigns the next serial block of
 * the project, and announces it. Locks: the batch FOR UPDATE (waits for lines being added, serialises
 * closes of the batch), then the project (serialises closes of the project, hence serials and the carry
 * chain).
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
  ) {}

  close(batchId: string): Promise<BatchTransitionResult> {
    return this.dataSource.transaction((manager) => this.closeIn(manager, batchId));
  }

  private async closeIn(manager: EntityManager, batchId: string): Promise<BatchTransitionResult> {
    const batch = await this.batches.lockForTransition(manager, batchId);
    if (!batch) throw new IssuanceException('ISSUANCE.BATCH_NOT_FOUND', `no batch ${batchId}`);
    if (batch.state !== 'open') return { batch: toBatchSnapshot(batch), replayed: true };
    assertTransition(batch.state, 'closed');
    const project = await this.projects.lockForClose(manager, batch.project_id);
    if (!project) throw new IssuanceException('ISSUANCE.PROJECT_NOT_FOUND', `no project ${batch.project_id}`);
    const previous = await this.batches.lastClosedOf(manager, project.id);
    const lines = (await this.batches.lineFigures(manager, [batch.id])).get(batch.id) ?? {
      lineCount: 0,
      grossG: 0,
    };
    const carriedInG = previous?.carriedOutG ?? 0;
    const totals = computeCloseTotals({ grossG: lines.grossG, discountBp: project.discountBp, carriedInG });
    const block = nextSerialBlock(project.lastSerial, totals.credits);
    const closed = await this.batches.markClosed(manager, batch.id, {
      ...totals,
      closeSequence: (previous?.closeSequence ?? 0) + 1,
      previousBatchId: previous?.id ?? null,
      lineCount: lines.lineCount,
      discountBp: project.discountBp,
      carriedInG,
      serials: block && { ...block, block: formatSerialBlock(project.id, batch.vintage, block) },
    });
    if (block) await this.projects.setLastSerial(manager, project.id, block.last);
    const snapshot = toBatchSnapshot(closed);
    await this.events.announce(manager, snapshot);
    return { batch: snapshot, replayed: false };
  }
}
