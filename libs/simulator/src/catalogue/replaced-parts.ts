import { DeviceCategory, PartName } from '@refurb/contracts';

export interface RepairProfile {
  /** Share of refurbishable devices that need at least one part. */
  repairShare: number;
  /** Relative frequency of each replaced part; only parts that exist for the category. */
  parts: Readonly<Partial<Record<PartName, number>>>;
}

/**
 * What refurbishers replace, by category: batteries and screens dominate on phones and tablets,
 * keyboards and storage on computers, housings and ports on monitors and consoles.
 */
export const REPAIR_PROFILES: Readonly<Record<DeviceCategory, RepairProfile>> = {
  smartphone: {
    repairShare: 0.62,
    parts: { battery: 45, screen: 32, housing: 10, camera: 5, port: 7, storage: 1, other: 5 },
  },
  tablet: {
    repairShare: 0.55,
    parts: { battery: 40, screen: 35, housing: 8, camera: 3, port: 8, storage: 2, other: 4 },
  },
  laptop: {
    repairShare: 0.6,
    parts: { battery: 35, keyboard: 20, storage: 15, screen: 12, housing: 6, port: 3, camera: 2, other: 7 },
  },
  desktop: { repairShare: 0.4, parts: { storage: 50, housing: 10, port: 10, keyboard: 10, other: 20 } },
  monitor: { repairShare: 0.25, parts: { housing: 35, other: 30, port: 20, screen: 15 } },
  console: { repairShare: 0.45, parts: { port: 30, storage: 25, other: 25, housing: 20 } },
};

/** How many distinct parts one repair replaces: usually one. */
export const PARTS_PER_REPAIR: readonly (readonly [number, number])[] = [
  [1, 75],
  [2, 20],
  [3, 5],
];
