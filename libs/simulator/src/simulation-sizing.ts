import { Simulation } from './simulation';
import { MAX_DEVICES, SimulationOptions } from './simulation-options';
import { SimulatorErrorCode, SimulatorException } from './simulator.exception';

/** Devices of the sample that measures deliveries per device. */
const SAMPLE_DEVICES = 2000;

/**
 * About how many devices make `deliveries` deliveries with these options (the benchmark asks for a
 * number of events, the simulation is sized in devices). Measured on a sample over the same window and
 * rates; the exact count of the resulting simulation is in its summary.
 */
export function devicesForDeliveries(
  deliveries: number,
  options: Omit<SimulationOptions, 'devices'>,
  now?: Date,
): number {
  if (!Number.isInteger(deliveries) || deliveries < 1) {
    throw new SimulatorException(
      SimulatorErrorCode.INVALID_OPTION,
      `deliveries must be a whole number >= 1, got ${deliveries}`,
    );
  }
  const sample = new Simulation({ ...options, devices: SAMPLE_DEVICES }, now).summary();
  const perDevice = sample.deliveries / SAMPLE_DEVICES;
  return Math.min(MAX_DEVICES, Math.max(1, Math.round(deliveries / perDevice)));
}
