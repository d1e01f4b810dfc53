import { CycleCreditData } from '@refurb/contracts';
import { computeAvoidedEmissions, FactorSet } from '@refurb/emissions';
import { CreditChange } from '@refurb/lifecycle';

export class InconsistentCreditStateError extends Error {
  readonly code = 'CYCLE.INCONSISTENT_CREDIT_STATE';

  constructor(message: string) {
    super(message);
    this.name = 'InconsistentCreditStateError';
  }
}

export interface CycleCreditStep {
  records: CycleCreditData[];
  /** The credit standing after the step, or null when nothing stands. */
  standing: CycleCreditData | null;
}

/**
 * Turns one plan step of a cycle into the records to publish: a credit gets its RL-REFURB-1 figure
 * from the factor set; a reversal repeats the credit it cancels, negated, so that issuance can post it
 * without looking anything up.
 */
export function creditStep(
  changes: readonly CreditChange[],
  standing: CycleCreditData | null,
  sequence: number,
  /** Needed only when the step credits; reversals repeat the figure they cancel. */
  factors: FactorSet | null,
): CycleCreditStep {
  const records: CycleCreditData[] = [];
  let current = standing;
  for (const change of changes) {
    if (change.kind === 'reversal') {
      if (!current || current.changeId !== change.reversesChangeId) {
        throw new InconsistentCreditStateError(
          `${change.changeId} reverses ${change.reversesChangeId}, but ${current?.changeId ?? 'nothing'} stands`,
        );
      }
      records.push({
        ...current,
        changeId: change.changeId,
        kind: 'reversal',
        sequence,
        reversesChangeId: current.changeId,
        signedAvoidedG: -current.emissions.avoidedG,
      });
      current = null;
    } else {
      if (!factors) throw new InconsistentCreditStateError(`${change.changeId} credits without a factor set`);
      const evidence = change.evidence;
      const emissions = computeAvoidedEmissions(
        {
          category: evidence.category,
          partsReplaced: evidence.partsReplaced.map((replaced) => replaced.part),
          legs: evidence.legs.map(({ distanceKm, mode }) => ({ distanceKm, mode })),
        },
        factors,
      );
      current = {
        changeId: change.changeId,
        kind: 'credit',
        cycleId: change.cycleId,
        deviceId: evidence.deviceId,
        sequence,
        fingerprint: change.fingerprint,
        evidence,
        emissions,
        signedAvoidedG: emissions.avoidedG,
      };
      records.push(current);
    }
  }
  return { records, standing: current };
}
