import { Injectable } from '@nestjs/common';
import { CloseTotals } from '@refurb/contracts';
import { FactorSet } from '@refurb/emissions';
import { computeCloseTotals, EvidenceLine, LineDifference, recomputeLine } from '@refurb/issuance';
import { isDeepStrictEqual } from 'node:util';
import { DataSource, EntityManager } from 'typeorm';
import { BatchRepository } from '../storage/batch.repository';
import { toBatchSnapshot } from '../storage/batch-row';
import { BatchEvidenceLines } from './batch-evidence-lines.query';
import { IssuanceException } from '../issuance.exception';
import { FactorSetRepository } from '../storage/factor-set.repository';

export interface RecomputeReport {
  batchId: string;
  state: string;
  lineCount: number;
  /** True when every line and every frozen total is reproduced. */
  matches: boolean;
  differenceCount: number;
  /** The first differences found (at most MAX_REPORTED). */
  differences: LineDifference[];
  /** Null while the batch is open (nothing is frozen yet). */
  totals: {
    frozen: CloseTotals;
    /** From the lines as stored: differs from `frozen` if a line changed after close. */
    fromStoredLines: CloseTotals;
    /** From every line recomputed from its evidence and factor set. */
    fromEvidence: CloseTotals;
  } | null;
}

const MAX_REPORTED = 1_000;

/**
 * Recomputes every line of a batch from its stored evidence with the factor set it names, and the
 * batch's totals from those figures with its frozen discount and carry-over; reports what differs.
 * Reads one consistent snapshot, page by page, so batches of any size fit in memory.
 */
@Injectable()
export class RecomputeBatchHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchRepository,
    private readonly lines: BatchEvidenceLines,
    private readonly factorSets: FactorSetRepository,
  ) {}

  recompute(batchId: string): Promise<RecomputeReport> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => this.recomputeIn(manager, batchId));
  }

  private async recomputeIn(manager: EntityManager, batchId: string): Promise<RecomputeReport> {
    const row = await this.batches.find(manager, batchId);
    if (!row) throw new IssuanceException('ISSUANCE.BATCH_NOT_FOUND', `no batch ${batchId}`);
    const batch = toBatchSnapshot(row);
    const factorSets = new Map<string, FactorSet>();
    const differences: LineDifference[] = [];
    let differenceCount = 0;
    let lineCount = 0;
    let storedGross = 0n;
    let recomputedGross = 0n;
    for await (const page of this.lines.pagesOf(manager, batchId)) {
      for (const line of page) {
        const factors =
          factorSets.get(line.emissions.factorSetVersion) ??
          (await this.loadFactors(manager, line, factorSets));
        const found = recomputeLine(line, factors);
        differenceCount += found.differences.length;
        differences.push(...found.differences.slice(0, Math.max(0, MAX_REPORTED - differences.length)));
        storedGross += BigInt(line.signedAvoidedG);
        recomputedGross += BigInt(found.recomputedSignedG);
        lineCount += 1;
      }
    }
    const totals = batch.totals && {
      frozen: pickCloseTotals(batch.totals),
      fromStoredLines: this.close(storedGross, batch.totals),
      fromEvidence: this.close(recomputedGross, batch.totals),
    };
    const totalsMatch =
      totals === null ||
      (isDeepStrictEqual(totals.frozen, totals.fromStoredLines) &&
        isDeepStrictEqual(totals.frozen, totals.fromEvidence));
    return {
      batchId,
      state: batch.state,
      lineCount,
      matches:
        differenceCount === 0 &&
        totalsMatch &&
        (batch.totals === null || batch.totals.lineCount === lineCount),
      differenceCount,
      differences,
      totals,
    };
  }

  private async loadFactors(
    manager: EntityManager,
    line: EvidenceLine,
    cache: Map<string, FactorSet>,
  ): Promise<FactorSet> {
    const factors = await this.factorSets.load(manager, line.emissions.factorSetVersion);
    cache.set(line.emissions.factorSetVersion, factors);
    return factors;
  }

  private close(grossG: bigint, frozen: { discountBp: number; carriedInG: number }): CloseTotals {
    return computeCloseTotals({
      grossG: Number(grossG),
      discountBp: frozen.discountBp,
      carriedInG: frozen.carriedInG,
    });
  }
}

function pickCloseTotals({ grossG, discountG, netG, credits, carriedOutG }: CloseTotals): CloseTotals {
  return { grossG, discountG, netG, credits, carriedOutG };
}
