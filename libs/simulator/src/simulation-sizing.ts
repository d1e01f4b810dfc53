import { Simulation } from './simulation';
import { MAX_DEVICES, SimulationOptions } from './simulation-options';
import { SimulatorErrorCode, SimulatorException } from './simulator.exception';

/** Devices of the sample that measures deliveries per device. */
const SAMPLE_DEVICES = 2000;

/**
 * Headroom over the sample's estimate. A simulation's deliveries per device drift a few per cent from
 * the sample's, and a caller that takes the first `deliveries` of the stream (the benchmark) must not
 * run out: it would measure fewer events than it reports asking for.
 */
const SPARE_FACTOR = 1.05;
const SPARE_DEVICES = 10;

/**
 * How many devices make at least `deliveries` deliveries with these options, with a little to spare
 * (the benchmark asks for a number of events, the simulation is sized in devices). Measured on a sample
 * over the same window and rates; the exact count of the resulting simulation is in its summary.
 */
export function devicesForDeliveries(
  deliveries: number,
  options: Omit<SimulationOptions, 'devices'>,
  now?: Date,
): number {
  if (!Number.isFinite(deliveries) || deliveries < 0) {
    throw new SimulatorException(
      SimulatorErrorCode.INVALID_OPTION,
      `deliveries must be a number >= 0, got ${deliveries}`,
    );
  }
  const sample = new Simulation({ ...options, devices: SAMPLE_DEVICES }, now).summary();
  return Math.min(
    MAX_DEVICES,
    Math.ceil((deliveries / sample.deliveries) * SAMPLE_DEVICES * SPARE_FACTOR) + SPARE_DEVICES,
  );
}
