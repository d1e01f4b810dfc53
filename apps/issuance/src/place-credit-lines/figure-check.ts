import { Injectable } from '@nestjs/common';
import { CycleCreditData } from '@refurb/contracts';
import { FactorSet } from '@refurb/emissions';
import { CreditLineCode, CreditLineProblem, recomputeLine } from '@refurb/issuance';
import { EntityManager } from 'typeorm';
import { IssuanceException } from '../issuance.exception';
import { FactorSetRepository } from '../storage/factor-set.repository';

const MAX_LISTED_DIFFERENCES = 3;

/**
 * Issuance's own check of a credit's figure before it becomes a line: recomputed from the record's
 * evidence (category, parts, legs) with the factor set it names, never taken on the tracker's word.
 * A signature proves who sent a record; this proves the methodology was applied.
 */
@Injectable()
export class FigureCheck {
  constructor(private readonly factorSets: FactorSetRepository) {}

  /** The problem of each record whose figure is not the recomputed one, by change id. */
  async problemsOf(
    manager: EntityManager,
    records: readonly CycleCreditData[],
  ): Promise<Map<string, CreditLineProblem>> {
    const problems = new Map<string, CreditLineProblem>();
    const factorsByVersion = new Map<string, FactorSet | null>();
    for (const data of records) {
      const version = data.emissions.factorSetVersion;
      if (!factorsByVersion.has(version))
        factorsByVersion.set(version, await this.factorsOf(manager, version));
      const factors = factorsByVersion.get(version);
      if (!factors) {
        problems.set(data.changeId, {
          code: CreditLineCode.UNKNOWN_FACTOR_SET,
          message: `factor set ${JSON.stringify(version)} is unknown to issuance: the figure cannot be checked`,
          field: 'data.emissions.factorSetVersion',
        });
        continue;
      }
      const { differences } = recomputeLine(data, factors);
      if (differences.length === 0) continue;
      const listed = differences
        .slice(0, MAX_LISTED_DIFFERENCES)
        .map((d) => `${d.field} ${d.stored} (recomputed ${d.recomputed})`)
        .join(', ');
      problems.set(data.changeId, {
        code: CreditLineCode.FIGURE_MISMATCH,
        message: `the figure is not the methodology's: ${listed}`,
        field: `data.emissions.${differences[0].field}`,
      });
    }
    return problems;
  }

  private async factorsOf(manager: EntityManager, version: string): Promise<FactorSet | null> {
    try {
      return await this.factorSets.load(manager, version);
    } catch (error) {
      if (error instanceof IssuanceException && error.code === 'ISSUANCE.FACTOR_SET_NOT_FOUND') return null;
      throw error;
    }
  }
}
