import { Injectable } from '@nestjs/common';
import { batchKeyId, LineToPlace, PlannedLine, planPlacements } from '@refurb/issuance';
import { EntityManager } from 'typeorm';
import { BatchRepository } from '../storage/batch.repository';
import { WorkshopRepository } from '../storage/workshop.repository';
import { CreditLineRepository, LinePlacement } from '../storage/credit-line.repository';

export interface PlacementDecision {
  planned: PlannedLine;
  /** Where the line goes, or why it waits; undefined when the line is refused. */
  placement?: LinePlacement;
}

/**
 * Decides where lines go (libs/issuance planPlacements) with what the database knows now, and opens the
 * batches they need. Shared by the consumer (new lines) and place-pending (waiting lines).
 */
@Injectable()
export class LinePlacementService {
  constructor(
    private readonly lines: CreditLineRepository,
    private readonly batches: BatchRepository,
    private readonly workshops: WorkshopRepository,
  ) {}

  async decide(manager: EntityManager, lines: readonly LineToPlace[]): Promise<PlacementDecision[]> {
    const projectOfWorkshop = await this.workshops.projectsOf(
      manager,
      lines.filter((line) => line.kind === 'credit').map((line) => line.workshopId),
    );
    const storedLines = await this.lines.storedLines(
      manager,
      lines.flatMap((line) => (line.reversesChangeId === undefined ? [] : [line.reversesChangeId])),
    );
    const planned = planPlacements(lines, { projectOfWorkshop, storedLines });
    const batchOf = await this.batches.openBatchesFor(
      manager,
      planned.flatMap((plan) => (plan.outcome === 'placed' ? [plan.key] : [])),
    );
    return planned.map((plan): PlacementDecision => {
      if (plan.outcome === 'refused') return { planned: plan };
      if (plan.outcome === 'unplaced') return { planned: plan, placement: { unplacedReason: plan.reason } };
      const batchId = batchOf.get(batchKeyId(plan.key));
      if (batchId === undefined)
        throw new Error(`no open batch was found or opened for ${batchKeyId(plan.key)}`);
      return { planned: plan, placement: { batchId, projectId: plan.key.projectId } };
    });
  }
}
