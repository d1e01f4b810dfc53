import { DeviceCategory, PartName } from '@refurb/contracts/device-category';

// Local copy of the "—" cells of docs/methodology.md#replaced-parts: @refurb/contracts is gaining the same
// `partExistsIn(category, part)` in device-parts.ts; switch to it once that lands (same signature).
// Kept as the set of missing parts because the table is mostly filled.
const MISSING_PARTS: Readonly<Record<DeviceCategory, ReadonlySet<PartName>>> = {
  smartphone: new Set<PartName>(['keyboard']),
  tablet: new Set<PartName>(['keyboard']),
  laptop: new Set<PartName>(),
  desktop: new Set<PartName>(['battery', 'screen', 'camera']),
  monitor: new Set<PartName>(['battery', 'camera', 'keyboard', 'storage']),
  console: new Set<PartName>(['battery', 'screen', 'camera', 'keyboard']),
};

/** Whether a replaced part can exist in a device of this category (docs/methodology.md#replaced-parts). */
export function partExistsIn(category: DeviceCategory, part: PartName): boolean {
  return !MISSING_PARTS[category].has(part);
}
