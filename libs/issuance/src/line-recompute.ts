import { CycleCreditEmissions, CycleCreditEvidence } from '@refurb/contracts';
import { computeAvoidedEmissions, EmissionsException, FactorSet } from '@refurb/emissions';

export interface LineDifference {
  changeId: string;
  /** An emissions component (`avoidedG`, `partsG`...) or `signedAvoidedG`. */
  field: string;
  stored: number | string;
  recomputed: number | string;
}

const COMPARED: readonly (keyof CycleCreditEmissions)[] = [
  'methodology',
  'factorSetVersion',
  'baselineG',
  'newDeviceG',
  'refurbishedShareBp',
  'eolG',
  'lightRefurbishmentG',
  'partsG',
  'transportG',
  'projectG',
  'avoidedG',
];

/**
 * Where a stored line disagrees with the figure recomputed from its evidence: every emissions component,
 * and the signed contribution the batch sums (avoidedG for a credit, its negation for a reversal).
 */
export function lineDifferences(
  line: {
    changeId: string;
    kind: 'credit' | 'reversal';
    signedAvoidedG: number;
    emissions: CycleCreditEmissions;
  },
  recomputed: CycleCreditEmissions,
): LineDifference[] {
  const differences: LineDifference[] = COMPARED.filter(
    (field) => line.emissions[field] !== recomputed[field],
  ).map((field) => ({
    changeId: line.changeId,
    field,
    stored: line.emissions[field],
    recomputed: recomputed[field],
  }));
  const expectedSigned = line.kind === 'credit' ? recomputed.avoidedG : -recomputed.avoidedG;
  if (line.signedAvoidedG !== expectedSigned) {
    differences.push({
      changeId: line.changeId,
      field: 'signedAvoidedG',
      stored: line.signedAvoidedG,
      recomputed: expectedSigned,
    });
  }
  return differences;
}

/** What a line's figure is recomputed from: its kind, its figures as received, and its evidence. */
export interface RecomputableLine {
  changeId: string;
  kind: 'credit' | 'reversal';
  signedAvoidedG: number;
  emissions: CycleCreditEmissions;
  evidence: Pick<CycleCreditEvidence, 'category' | 'partsReplaced' | 'legs'>;
}

export interface LineRecomputation {
  differences: LineDifference[];
  /** The line's signed contribution as recomputed (0 when the methodology refuses its evidence). */
  recomputedSignedG: number;
}

/**
 * Recomputes a line's figure from its evidence (category, replaced parts, transport legs) with the
 * factor set it names, independently of whoever computed it first, and says what differs. Evidence the
 * methodology refuses recomputes to nothing: the whole stored figure is then a difference.
 */
export function recomputeLine(line: RecomputableLine, factors: FactorSet): LineRecomputation {
  let recomputed: CycleCreditEmissions;
  try {
    recomputed = computeAvoidedEmissions(
      {
        category: line.evidence.category,
        partsReplaced: line.evidence.partsReplaced.map(({ part }) => part),
        legs: line.evidence.legs.map(({ distanceKm, mode }) => ({ distanceKm, mode })),
      },
      factors,
    );
  } catch (error) {
    if (!(error instanceof EmissionsException)) throw error;
    return {
      differences: [
        { changeId: line.changeId, field: 'evidence', stored: line.signedAvoidedG, recomputed: error.code },
      ],
      recomputedSignedG: 0,
    };
  }
  const signed = line.kind === 'credit' ? recomputed.avoidedG : -recomputed.avoidedG;
  return { differences: lineDifferences(line, recomputed), recomputedSignedG: signed };
}
