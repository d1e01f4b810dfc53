import { Injectable } from '@nestjs/common';
import { assertTransition, ClosePlan, planClose } from '@refurb/issuance';
import { DataSource } from 'typeorm';
import { IssuanceException } from '../issuance.exception';
import { BatchRepository } from '../storage/batch.repository';
import { ProjectRepository } from '../storage/project.repository';
import { readCloseFacts } from './close-facts';

export interface CloseWarning {
  code: 'BATCH.EARLIER_VINTAGE_OPEN';
  message: string;
  batchIds: string[];
}

/** What closing the batch now would freeze, and what finance should know before doing it. */
export type ClosePreview = ClosePlan & { batchId: string; warnings: CloseWarning[] };

/**
 * The close arithmetic of an open batch without closing it: the same facts and the same planClose as
 * CloseBatchHandler, read without its locks. It is exact as long as no other batch of the project
 * closes (and no line lands) before the close itself; the close recomputes under its locks.
 */
@Injectable()
export class ClosePreviewQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchRepository,
    private readonly projects: ProjectRepository,
  ) {}

  async preview(batchId: string): Promise<ClosePreview> {
    const manager = this.dataSource.manager;
    const batch = await this.batches.find(manager, batchId);
    if (!batch) throw new IssuanceException('ISSUANCE.BATCH_NOT_FOUND', `no batch ${batchId}`);
    assertTransition(batch.state, 'closed');
    const project = await this.projects.find(manager, batch.project_id);
    if (!project) throw new IssuanceException('ISSUANCE.PROJECT_NOT_FOUND', `no project ${batch.project_id}`);
    const plan = planClose(await readCloseFacts(manager, this.batches, batch, project));
    const earlier = await this.batches.openBeforeVintage(manager, project.id, batch.vintage);
    return {
      batchId,
      ...plan,
      warnings: earlier.length > 0 ? [earlierVintageWarning(batch.vintage, earlier)] : [],
    };
  }
}

// The carry chain and the serials follow close order, not vintage: closing 2026 before an open 2025
// hands 2025's future carry-over to later batches and gives 2026 the lower serials.
function earlierVintageWarning(vintage: number, earlier: { id: string; vintage: number }[]): CloseWarning {
  const vintages = [...new Set(earlier.map((batch) => batch.vintage))].join(', ');
  return {
    code: 'BATCH.EARLIER_VINTAGE_OPEN',
    message: `an earlier vintage of the project (${vintages}) still has an open batch: closing ${vintage} first gives it the lower serials and moves the carry chain`,
    batchIds: earlier.map((batch) => batch.id),
  };
}
