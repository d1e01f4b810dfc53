import { Injectable } from '@nestjs/common';
import {
  assertValidFactorSet,
  DEFAULT_FACTOR_SET,
  DEFAULT_FACTOR_SET_VERSION,
  FactorSet,
} from '@refurb/emissions';
import { EntityManager } from 'typeorm';
import { IssuanceException } from '../issuance.exception';

/**
 * Factor sets by version, for recomputation. They belong to the tracker (tracker.factor_sets: version
 * text PK, factors jsonb), which freezes a version once used; issuance reads them when both services
 * share a database, and otherwise knows only the built-in `2025-defaults`. The one place to change if
 * factor sets move (say, to an API or a topic).
 */
@Injectable()
export class FactorSetRepository {
  async load(manager: EntityManager, version: string): Promise<FactorSet> {
    const [{ present }]: { present: boolean }[] = await manager.query(
      `SELECT to_regclass('tracker.factor_sets') IS NOT NULL AS present`,
    );
    if (present) {
      const rows: { factors: unknown }[] = await manager.query(
        `SELECT factors FROM tracker.factor_sets WHERE version = $1`,
        [version],
      );
      if (rows.length > 0) {
        const factors = rows[0].factors;
        assertValidFactorSet(factors);
        if (factors.version === version) return factors;
      }
    }
    if (version === DEFAULT_FACTOR_SET_VERSION) return DEFAULT_FACTOR_SET;
    throw new IssuanceException(
      'ISSUANCE.FACTOR_SET_NOT_FOUND',
      `factor set ${JSON.stringify(version)} is unknown`,
    );
  }
}
