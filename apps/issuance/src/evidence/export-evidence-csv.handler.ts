import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource, QueryRunner } from 'typeorm';
import { BatchRepository } from '../storage/batch.repository';
import { EvidenceCsvChunks } from './evidence-csv-chunks';
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
    private readonly chunks: EvidenceCsvChunks,
  ) {}

  /**
   * Fails with ISSUANCE.BATCH_NOT_FOUND before anything is streamed. `sha256` is the digest frozen at
   * close (null while open): the stream's bytes hash to it.
   */
  async stream(batchId: string): Promise<{ stream: Readable; sha256: string | null }> {
    const row = await this.batches.find(this.dataSource.manager, batchId);
    if (!row) throw new IssuanceException('ISSUANCE.BATCH_NOT_FOUND', `no batch ${batchId}`);
    return { stream: Readable.from(this.csv(batchId)), sha256: row.evidence_sha256 };
  }

  /** Collects the whole CSV as text: for the CLI and tests, not for large batches. */
  async text(batchId: string): Promise<string> {
    const chunks: string[] = [];
    for await (const chunk of (await this.stream(batchId)).stream) chunks.push(String(chunk));
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
      yield* this.chunks.of(runner.manager, batchId);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}
