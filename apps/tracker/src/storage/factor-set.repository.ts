import { Injectable } from '@nestjs/common';
import { CodedError } from '@refurb/contracts';
import { assertValidFactorSet, FactorSet } from '@refurb/emissions';
import { EntityManager } from 'typeorm';

export class UnknownFactorSetError extends CodedError<'EMISSIONS.UNKNOWN_FACTOR_SET'> {
  constructor(readonly version: string) {
    super(
      'EMISSIONS.UNKNOWN_FACTOR_SET',
      `Factor set ${JSON.stringify(version)} does not exist in tracker.factor_sets`,
    );
  }
}

/** Factor sets are versioned rows; a version is frozen (by trigger) once a credit used it. */
@Injectable()
export class FactorSetRepository {
  /**
   * Loads a factor set; `frozenBefore` says a transaction that already committed marked it used, so
   * the figures can never change again and may be cached.
   */
  async load(
    manager: EntityManager,
    version: string,
  ): Promise<{ factors: FactorSet; frozenBefore: boolean }> {
    const rows: { factors: unknown; frozen_before: boolean }[] = await manager.query(
      `SELECT factors, coalesce(first_used_at < transaction_timestamp(), false) AS frozen_before
       FROM tracker.factor_sets WHERE version = $1`,
      [version],
    );
    if (rows.length === 0) throw new UnknownFactorSetError(version);
    const factors = rows[0].factors;
    assertValidFactorSet(factors);
    return { factors, frozenBefore: rows[0].frozen_before };
  }

  /** Marks the set as used (and so immutable); a no-op, without a row lock, once it is. */
  async markUsed(manager: EntityManager, version: string): Promise<void> {
    await manager.query(
      'UPDATE tracker.factor_sets SET first_used_at = now() WHERE version = $1 AND first_used_at IS NULL',
      [version],
    );
  }
}
