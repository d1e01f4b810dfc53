import { Injectable } from '@nestjs/common';
import { evidenceCsvPreamble, evidenceCsvRow, evidenceCsvState, evidenceCsvTrailer } from '@refurb/issuance';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { toBatchSnapshot } from '../storage/batch-row';
import { BatchRepository } from '../storage/batch.repository';
import { BatchEvidenceLines } from './batch-evidence-lines.query';

/**
 * The one code path that writes a batch's evidence CSV (libs/issuance evidence-csv), chunk by chunk,
 * from whatever consistent view `manager` has: the download reads it from a read-only snapshot, the
 * close hashes it inside its own transaction. Both therefore produce the same bytes.
 */
@Injectable()
export class EvidenceCsvChunks {
  constructor(
    private readonly batches: BatchRepository,
    private readonly lines: BatchEvidenceLines,
  ) {}

  /** Yields nothing for an unknown batch (callers check first, to answer 404 before streaming). */
  async *of(manager: EntityManager, batchId: string): AsyncGenerator<string> {
    const row = await this.batches.find(manager, batchId);
    if (!row) return;
    const batch = toBatchSnapshot(row);
    yield evidenceCsvPreamble({
      batchId: batch.id,
      projectId: batch.projectId,
      vintage: batch.vintage,
      factorSetVersion: batch.factorSetVersion,
      state: evidenceCsvState(batch.state),
      discountBp: batch.totals?.discountBp ?? null,
      carriedInG: batch.totals?.carriedInG ?? null,
      previousBatchId: batch.previousBatchId,
      serialBlock: batch.serials?.block ?? null,
    });
    let lineCount = 0;
    for await (const page of this.lines.pagesOf(manager, batchId)) {
      yield page.map(evidenceCsvRow).join('');
      lineCount += page.length;
    }
    yield evidenceCsvTrailer({ lineCount, totals: batch.totals });
  }

  /** SHA-256 (hex) of the UTF-8 bytes `of` yields: what the download of the batch serves. */
  async sha256(manager: EntityManager, batchId: string): Promise<string> {
    const hash = createHash('sha256');
    for await (const chunk of this.of(manager, batchId)) hash.update(chunk, 'utf8');
    return hash.digest('hex');
  }
}
