import { AnyDeviceEvent, DeviceCategory } from '@refurb/contracts';
import { WorkshopCountry } from '../network/workshops';

/**
 * What the pipeline should conclude about a cycle once it has every event (docs/methodology.md#cycle-rules):
 * - `credit-eligible`: collected, refurbished, and resold on an order that was not returned;
 * - `recycled`: ends with no credit;
 * - `returned`: every resale so far was returned (credit reversed, the device is back in stock);
 * - `in-progress`: not resold yet when the window ends.
 */
export type CycleState = 'credit-eligible' | 'recycled' | 'returned' | 'in-progress';

export interface CycleOutcome {
  state: CycleState;
  /** The workshop that refurbished (or diagnosed) the device; it decides the credit project. */
  workshopId: string;
  country: WorkshopCountry;
  creditedResaleEventId: string | null;
  /** UTC year of the credited resale. */
  vintage: number | null;
  /** Uncancelled resales besides the credited one: conflicting claims, never credited. */
  conflictingResales: number;
}

export interface SimulatedCycle {
  /** 1 for the first life, 2 for a second one... */
  number: number;
  siteId: string;
  workshopId: string;
  /** The cycle's events that occurred before the end of the window, in time order. */
  events: AnyDeviceEvent[];
  outcome: CycleOutcome;
}

/** The ground truth of one device: its identity and every well-formed event of its life. */
export interface SimulatedDevice {
  index: number;
  deviceId: string;
  category: DeviceCategory;
  brand: string;
  model: string;
  cycles: SimulatedCycle[];
}
