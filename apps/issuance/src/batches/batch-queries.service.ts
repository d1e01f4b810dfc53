import { Injectable } from '@nestjs/common';
import { BatchSnapshot } from '@refurb/contracts';
import { ProjectSummary, summariseProject } from '@refurb/issuance';
import { DataSource } from 'typeorm';
import { BatchHistoryEntry, BatchHistoryRepository } from '../batch-history/batch-history.repository';
import { IssuanceException } from '../issuance.exception';
import { ProjectRepository } from '../storage/project.repository';
import { BatchRow, toBatchSnapshot } from '../storage/batch-row';
import { BatchFilter, BatchRepository, LineFigures } from '../storage/batch.repository';

/**
 * A batch with its lines so far (frozen figures once closed, live ones while open), and the SHA-256 of
 * its evidence CSV frozen at close (null while open, or if closed before digests were recorded).
 */
export type BatchView = BatchSnapshot & { lines: LineFigures; evidenceSha256: string | null };

/** What finance and the verifier read: batches and project summaries. */
@Injectable()
export class BatchQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchRepository,
    private readonly projects: ProjectRepository,
    private readonly history: BatchHistoryRepository,
  ) {}

  async list(filter: BatchFilter): Promise<BatchView[]> {
    return this.withLines(await this.batches.list(this.dataSource.manager, filter));
  }

  async get(id: string): Promise<BatchView> {
    const row = await this.batches.find(this.dataSource.manager, id);
    if (!row) throw new IssuanceException('ISSUANCE.BATCH_NOT_FOUND', `no batch ${id}`);
    const [view] = await this.withLines([row]);
    return view;
  }

  /** The batch's audit trail, oldest first; empty while it is open. */
  async historyOf(id: string): Promise<BatchHistoryEntry[]> {
    const manager = this.dataSource.manager;
    if (!(await this.batches.find(manager, id))) {
      throw new IssuanceException('ISSUANCE.BATCH_NOT_FOUND', `no batch ${id}`);
    }
    return this.history.list(manager, id);
  }

  async projectSummary(projectId: string): Promise<ProjectSummary> {
    const manager = this.dataSource.manager;
    if (!(await this.projects.find(manager, projectId))) {
      throw new IssuanceException('ISSUANCE.PROJECT_NOT_FOUND', `no project ${projectId}`);
    }
    return summariseProject(projectId, await this.batches.summaryGroups(manager, projectId));
  }

  private async withLines(rows: BatchRow[]): Promise<BatchView[]> {
    const snapshots = rows.map(toBatchSnapshot);
    const open = snapshots.filter((batch) => batch.totals === null).map((batch) => batch.id);
    const live = await this.batches.lineFigures(this.dataSource.manager, open);
    return snapshots.map((batch, i) => ({
      ...batch,
      lines: batch.totals
        ? { lineCount: batch.totals.lineCount, grossG: batch.totals.grossG }
        : (live.get(batch.id) ?? { lineCount: 0, grossG: 0 }),
      evidenceSha256: rows[i].evidence_sha256,
    }));
  }
}
