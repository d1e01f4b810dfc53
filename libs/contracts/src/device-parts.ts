import { DeviceCategory, PART_NAMES, PartName } from './device-category';
import { reject, Rejected, RejectionCode } from './rejection';

/**
 * Which parts exist for each category (docs/methodology.md#replaced-parts; a part marked — is absent).
 * Listed in PART_NAMES order.
 */
export const PARTS_BY_CATEGORY: Readonly<Record<DeviceCategory, readonly PartName[]>> = {
  smartphone: ['battery', 'screen', 'housing', 'camera', 'port', 'storage', 'other'],
  tablet: ['battery', 'screen', 'housing', 'camera', 'port', 'storage', 'other'],
  laptop: ['battery', 'screen', 'housing', 'camera', 'port', 'keyboard', 'storage', 'other'],
  desktop: ['housing', 'port', 'keyboard', 'storage', 'other'],
  monitor: ['screen', 'housing', 'port', 'other'],
  console: ['housing', 'port', 'storage', 'other'],
};

export function isPartName(value: unknown): value is PartName {
  return typeof value === 'string' && (PART_NAMES as readonly string[]).includes(value);
}

export function partExistsIn(category: DeviceCategory, part: PartName): boolean {
  return PARTS_BY_CATEGORY[category].includes(part);
}

/**
 * For a caller that knows the category: a repair event carries none, so neither door runs this, and the
 * tracker does not refuse the event either (it flags the cycle, CYCLE.PART_NOT_IN_CATEGORY). The first
 * offending part, in the order given, names the rejection.
 */
export function checkPartsInCategory(
  category: DeviceCategory,
  parts: readonly PartName[],
): { ok: true } | Rejected {
  const index = parts.findIndex((part) => !partExistsIn(category, part));
  if (index === -1) return { ok: true };
  return reject(
    RejectionCode.PART_NOT_IN_CATEGORY,
    `a ${category} has no part "${parts[index]}"`,
    `data.partsReplaced.${index}`,
  );
}
