import { DeviceCategory, PartName } from '@refurb/contracts';
import { EmissionsException } from './emissions.exception';
import { assertFactorValue, CategoryFactors, FactorSet } from './factor-set';

// Inputs arrive from decoded events, so a category or part name can be any string at run time.
// Object.hasOwn keeps names such as "toString" or "__proto__" from resolving to inherited members.

export function categoryFactorsOf(category: DeviceCategory, factors: FactorSet): CategoryFactors {
  if (!Object.hasOwn(factors.categories, category)) {
    throw new EmissionsException(
      'EMISSIONS.UNKNOWN_CATEGORY',
      `category "${category}" is not in factor set ${factors.version}`,
    );
  }
  return factors.categories[category];
}

export function isPartInCategory(category: DeviceCategory, part: PartName, factors: FactorSet): boolean {
  if (!Object.hasOwn(factors.parts, category)) return false;
  const byPart = factors.parts[category];
  return Object.hasOwn(byPart, part) && typeof byPart[part] === 'number';
}

/** Grams CO2e of one replaced part; EMISSIONS.PART_NOT_IN_CATEGORY when the category has no such part. */
export function partFactorG(category: DeviceCategory, part: PartName, factors: FactorSet): number {
  if (!isPartInCategory(category, part, factors)) {
    throw new EmissionsException(
      'EMISSIONS.PART_NOT_IN_CATEGORY',
      `part "${part}" does not exist for category "${category}" in factor set ${factors.version}`,
    );
  }
  const grams = factors.parts[category][part];
  assertFactorValue(grams, `parts.${category}.${part}`);
  return grams;
}
