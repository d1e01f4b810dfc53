import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CreditLineRepository } from '../storage/credit-line.repository';
import { LinePlacementService } from './line-placement.service';

export interface PlacePendingResult {
  placed: number;
  /** Lines still waiting, by reason. */
  stillUnplaced: Record<string, number>;
}

/** Unplaced lines looked at per run; a larger backlog takes several runs, each one a transaction. */
const PLACE_PENDING_LIMIT = 10_000;

/**
 * Places the lines that were waiting (unknown workshop, reversal of a waiting credit) now that an
 * operator configured what was missing. Credits are placed by their workshop's project at this moment,
 * like any new credit; reversals follow their credit.
 */
@Injectable()
export class PlacePendingHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lines: CreditLineRepository,
    private readonly placement: LinePlacementService,
  ) {}

  placePending(): Promise<PlacePendingResult> {
    return this.dataSource.transaction(async (manager) => {
      const waiting = await this.lines.lockUnplaced(manager, PLACE_PENDING_LIMIT);
      const decisions = await this.placement.decide(manager, waiting);
      const placements: { changeId: string; batchId: string; projectId: string }[] = [];
      const reasons: { changeId: string; reason: string }[] = [];
      for (const { planned, placement } of decisions) {
        const changeId = planned.line.changeId;
        if (placement && 'batchId' in placement) placements.push({ changeId, ...placement });
        else if (placement) reasons.push({ changeId, reason: placement.unplacedReason });
        else if (planned.outcome === 'refused') reasons.push({ changeId, reason: planned.problem.code });
      }
      await this.lines.place(manager, placements);
      await this.lines.setUnplacedReasons(manager, reasons);
      const stillUnplaced: Record<string, number> = {};
      for (const { reason } of reasons) stillUnplaced[reason] = (stillUnplaced[reason] ?? 0) + 1;
      return { placed: placements.length, stillUnplaced };
    });
  }
}
