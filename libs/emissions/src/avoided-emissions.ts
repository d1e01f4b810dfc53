import { CycleCreditEmissions, DeviceCategory, METHODOLOGY, PartName, TransportLeg } from '@refurb/contracts';
import { EmissionsException, EmissionsResult } from './emissions.exception';
import { big, floorDivNonNegative, toSafeNumber } from './exact-integer';
import { categoryFactorsOf, partFactorG } from './factor-lookup';
import { assertFactorValue, BASIS_POINTS, CategoryFactors, FactorSet } from './factor-set';
import { computeLegTransportG } from './transport';

export interface AvoidedEmissionsInput {
  category: DeviceCategory;
  /** Every entry counts: the caller has already collapsed exact duplicate events. */
  partsReplaced: readonly PartName[];
  /** Every entry counts, as for parts. */
  legs: readonly TransportLeg[];
}

/**
 * What a credited cycle stores so a verifier can recompute it (docs/methodology.md#avoided-emissions):
 * exactly the `emissions` of the credit record the tracker publishes.
 */
export type AvoidedEmissions = CycleCreditEmissions;

/** BE_g = floor(((10000 - s_bp) * new_g + s_bp * light_g) / 10000) + eol_g */
function baselineG(category: DeviceCategory, factors: CategoryFactors): number {
  const { newG, lightG, eolG, refurbishedShareBp: shareBp } = factors;
  for (const [key, value] of Object.entries({ newG, lightG, eolG, shareBp })) {
    assertFactorValue(value, `categories.${category}.${key}`);
  }
  if (shareBp > BASIS_POINTS) {
    throw new EmissionsException(
      'EMISSIONS.INVALID_FACTOR_SET',
      `categories.${category}.refurbishedShareBp must be at most ${BASIS_POINTS}`,
    );
  }
  const bp = big(BASIS_POINTS);
  const marketMix = floorDivNonNegative((bp - big(shareBp)) * big(newG) + big(shareBp) * big(lightG), bp);
  return toSafeNumber(marketMix + big(eolG), 'BE_g');
}

function sumG(values: readonly number[], what: string): number {
  return toSafeNumber(
    values.reduce((total, value) => total + big(value), 0n),
    what,
  );
}

/**
 * Avoided emissions of one credited cycle under RL-REFURB-1, in integer grams CO2e.
 * Throws EmissionsException (EMISSIONS.PART_NOT_IN_CATEGORY, EMISSIONS.INVALID_TRANSPORT_LEG,
 * EMISSIONS.UNKNOWN_CATEGORY, EMISSIONS.INVALID_FACTOR_SET, EMISSIONS.INTEGER_OVERFLOW).
 */
export function computeAvoidedEmissions(input: AvoidedEmissionsInput, factors: FactorSet): AvoidedEmissions {
  const { category } = input;
  const categoryFactors = categoryFactorsOf(category, factors);
  const beG = baselineG(category, categoryFactors);
  const partsG = sumG(
    input.partsReplaced.map((part) => partFactorG(category, part, factors)),
    'sum(part_g)',
  );
  const transportG = sumG(
    input.legs.map((leg) => computeLegTransportG(categoryFactors.massG, leg, factors)),
    'sum(transport_g)',
  );
  const peG = sumG([categoryFactors.lightG, partsG, transportG], 'PE_g');
  return {
    methodology: METHODOLOGY,
    factorSetVersion: factors.version,
    baselineG: beG,
    newDeviceG: categoryFactors.newG,
    refurbishedShareBp: categoryFactors.refurbishedShareBp,
    eolG: categoryFactors.eolG,
    lightRefurbishmentG: categoryFactors.lightG,
    partsG,
    transportG,
    projectG: peG,
    // Both operands are safe integers, so their difference is exact; more evidence only lowers it.
    avoidedG: Math.max(0, beG - peG),
  };
}

/** As computeAvoidedEmissions, but returns business failures so a consumer can dead-letter them. */
export function tryComputeAvoidedEmissions(
  input: AvoidedEmissionsInput,
  factors: FactorSet,
): EmissionsResult<AvoidedEmissions> {
  try {
    return { ok: true, value: computeAvoidedEmissions(input, factors) };
  } catch (error) {
    if (error instanceof EmissionsException) return { ok: false, error };
    throw error;
  }
}
