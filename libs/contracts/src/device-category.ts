export const DEVICE_CATEGORIES = ['smartphone', 'tablet', 'laptop', 'desktop', 'monitor', 'console'] as const;
export type DeviceCategory = (typeof DEVICE_CATEGORIES)[number];

export const PART_NAMES = [
  'battery',
  'screen',
  'housing',
  'camera',
  'port',
  'keyboard',
  'storage',
  'other',
] as const;
export type PartName = (typeof PART_NAMES)[number];

export const TRANSPORT_MODES = ['road', 'rail', 'sea', 'air'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

/** The leg that brought the device to the step that reports it (docs/methodology.md#transport). */
export interface TransportLeg {
  /** Whole kilometres, 0..20000 (inputs are rounded to the nearest km). */
  distanceKm: number;
  mode: TransportMode;
}

/** The longest leg an event may report: half the Earth's circumference, beyond which a distance is a typo. */
export const MAX_LEG_DISTANCE_KM = 20_000;
