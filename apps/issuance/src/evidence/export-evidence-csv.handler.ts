import { Injectable } from '@nestjs/common';
import { evidenceCsvPreamble, evidenceCsvRow, evidenceCsvTrailer } from '@refurb/issuance';
import { Readable } from 'node:stream';
import { DataSource, QueryRunner } from 'typeorm';
import { toBatchSnapshot } from '../storage/batch-row';
import { BatchRepository } from '../storage/batch.repository';
import { BatchEvidenceLines } from './batch-evidence-lines.query';
import { IssuanceException } from '../issuance.exception';

/**
 * The evidence CSV of a batch (libs/issuance evidence-csv), streamed page by page from one read-only
 * snapshot, so a batch of a million lines neither fills memory nor mixes two states of an open batch.
 */
@Injectable()
export class ExportEvidenceCsvHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchRepository,
    private readonly lines: BatchEvidenceLines,
  ) {}

  /** Fails with ISSUANCE.BATCH_NOT_FOUND before anything is streamed. */
  async stream(batchId: string): Promise<Readable> {
    if (!(await this.batches.find(this.dataSource.manager, batchId))) {
      throw new IssuanceException('ISSUANCE.BATCH_NOT_FOUND', `no batch ${batchId}`);
    }
    return Readable.from(this.csv(batchId));
  }

  /** Collects the whole CSV as text: for the CLI and tests, not for large batches. */
  async text(batchId: string): Promise<string> {
    const chunks: string[] = [];
    for await (const chunk of await this.stream(batchId)) chunks.push(String(chunk));
    return chunks.join('');
  }

  // The connection is taken when the stream is first read and always given back: a stream that is
  // never read holds nothing, and a destroyed one runs the finally block.
  private async *csv(batchId: string): AsyncGenerator<string> {
    const runner: QueryRunner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const row = await this.batches.find(runner.manager, batchId);
      if (!row) return;
      const batch = toBatchSnapshot(row);
      yield evidenceCsvPreamble({
        batchId: batch.id,
        projectId: batch.projectId,
        vintage: batch.vintage,
        factorSetVersion: batch.factorSetVersion,
        state: batch.state,
        discountBp: batch.totals?.discountBp ?? null,
        carriedInG: batch.totals?.carriedInG ?? null,
        previousBatchId: batch.previousBatchId,
        serialBlock: batch.serials?.block ?? null,
      });
      let lineCount = 0;
      for await (const page of this.lines.pagesOf(runner.manager, batchId)) {
        yield page.map(evidenceCsvRow).join('');
        lineCount += page.length;
      }
      yield evidenceCsvTrailer({ lineCount, totals: batch.totals });
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}
