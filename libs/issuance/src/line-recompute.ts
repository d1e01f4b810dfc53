import { CycleCreditEmissions } from '@refurb/contracts';

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
