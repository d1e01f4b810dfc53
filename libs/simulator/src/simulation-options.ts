import { EARLIEST_EVENT_TIME } from '@refurb/contracts';
import { DAY_MS, startOfUtcDay, toWholeSecond } from './calendar/time';
import { SimulatorErrorCode, SimulatorException } from './simulator.exception';

/** Funnel and delivery-fault rates, each a probability in [0, 1]. */
export interface FunnelRates {
  /** Diagnosed devices that are refurbished; the others are recycled. */
  refurbishable: number;
  /** Resales that the buyer sends back. */
  returns: number;
  /** Returned devices that are sold again in the same cycle (which makes the cycle creditable again). */
  resoldAfterReturn: number;
  /** Events delivered a second time, identical (same id, same payload). */
  duplicates: number;
  /** Events delivered days after they happened, so after later events of their device (out of order). */
  late: number;
  /** Events for which a partner also sends a broken delivery (bad JSON, invalid IMEI, unknown type...). */
  malformed: number;
  /** Resold cycles in which the device is sold a second time on another order (a conflicting claim). */
  conflictingResales: number;
  /** Devices resold for good that come back months later for a second life cycle. */
  secondLife: number;
}

const DEFAULT_RATES: Readonly<FunnelRates> = {
  refurbishable: 0.7,
  returns: 0.04,
  resoldAfterReturn: 0.6,
  duplicates: 0.01,
  late: 0.05,
  malformed: 0.005,
  conflictingResales: 0.002,
  secondLife: 0.02,
};

export interface SimulationOptions {
  /** Same seed and options, same deliveries, byte for byte. */
  seed: number;
  devices: number;
  /** Exclusive end of the window in which events occur; default: the start of the current UTC day. */
  until?: Date | string;
  /** Length of the window in days; default 365. */
  days?: number;
  rates?: Partial<FunnelRates>;
}

export interface ResolvedSimulationOptions {
  seed: number;
  devices: number;
  /** Window of occurrence times [from, until), ISO-8601 UTC, whole seconds. */
  from: string;
  until: string;
  days: number;
  rates: FunnelRates;
}

/** IMEI serial numbers (6 digits) are what bounds the number of distinct devices. */
export const MAX_DEVICES = 1_000_000;
const DEFAULT_DAYS = 365;

function invalid(message: string): SimulatorException {
  return new SimulatorException(SimulatorErrorCode.INVALID_OPTION, message);
}

function checkInteger(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${name} must be a whole number in [${min}, ${max}], got ${value}`);
  }
  return value;
}

function resolveUntil(until: Date | string | undefined, now: Date): number {
  if (until === undefined) return startOfUtcDay(now.getTime());
  const ms = typeof until === 'string' ? Date.parse(until) : until.getTime();
  if (Number.isNaN(ms)) throw invalid(`until must be a date, got ${String(until)}`);
  if (ms > now.getTime()) throw invalid(`until ${new Date(ms).toISOString()} is in the future`);
  return toWholeSecond(ms);
}

function resolveRates(rates: Partial<FunnelRates> = {}): FunnelRates {
  const resolved = { ...DEFAULT_RATES };
  for (const [name, value] of Object.entries(rates) as [keyof FunnelRates, number | undefined][]) {
    if (!(name in DEFAULT_RATES)) throw invalid(`unknown rate ${name}`);
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw invalid(`rate ${name} must be a number in [0, 1], got ${String(value)}`);
    }
    resolved[name] = value;
  }
  return resolved;
}

/**
 * Defaults applied and every option checked. `now` only matters when `until` is not given (and to
 * refuse a window ending in the future); pass a fixed one to make the default reproducible.
 */
export function resolveSimulationOptions(
  options: SimulationOptions,
  now: Date = new Date(),
): ResolvedSimulationOptions {
  const seed = checkInteger('seed', options.seed, 0, 0xffffffff);
  const devices = checkInteger('devices', options.devices, 1, MAX_DEVICES);
  const days = checkInteger('days', options.days ?? DEFAULT_DAYS, 1, 3650);
  const until = resolveUntil(options.until, now);
  const from = until - days * DAY_MS;
  if (from < Date.parse(EARLIEST_EVENT_TIME)) {
    throw invalid(`the window starts before ${EARLIEST_EVENT_TIME}, which the pipeline refuses`);
  }
  return {
    seed,
    devices,
    from: new Date(from).toISOString(),
    until: new Date(until).toISOString(),
    days,
    rates: resolveRates(options.rates),
  };
}
