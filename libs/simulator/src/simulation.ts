import { Delivery } from './delivery/delivery';
import { planDeliveries, PlannedDelivery } from './delivery/plan-deliveries';
import { TimeOrderedQueue } from './delivery/time-ordered-queue';
import { simulateDevice } from './scenario/simulate-device';
import { SimulatedDevice } from './scenario/simulated-device';
import { SimulationContext } from './scenario/simulation-context';
import { ResolvedSimulationOptions, resolveSimulationOptions, SimulationOptions } from './simulation-options';
import { SummaryAccumulator } from './summary/summary-accumulator';
import { SimulationSummary } from './summary/simulation-summary';

function byDeliveryTime(a: PlannedDelivery, b: PlannedDelivery): number {
  return a.atMs - b.atMs || a.device - b.device || a.ordinal - b.ordinal;
}

/**
 * A deterministic simulation of a refurbisher's year: devices collected across a network of partners,
 * refurbished in French and German workshops, resold, returned, recycled; and how their events reach
 * the pipeline (late, twice, broken). Nothing is generated until asked, and nothing is kept: iterate
 * deliveries() as many times as needed, it yields the same sequence every time.
 */
export class Simulation {
  readonly options: ResolvedSimulationOptions;
  private readonly context: SimulationContext;
  private cachedSummary?: SimulationSummary;

  constructor(options: SimulationOptions, now: Date = new Date()) {
    this.options = resolveSimulationOptions(options, now);
    this.context = new SimulationContext(this.options);
  }

  /** The ground truth of one device (0 <= index < devices). */
  device(index: number): SimulatedDevice {
    if (!Number.isInteger(index) || index < 0 || index >= this.options.devices) {
      throw new RangeError(`device index ${index} is outside [0, ${this.options.devices})`);
    }
    return simulateDevice(index, this.context);
  }

  *devices(): Generator<SimulatedDevice> {
    for (let index = 0; index < this.options.devices; index++) yield simulateDevice(index, this.context);
  }

  /**
   * Every delivery in simulated arrival order. Devices are generated in index order, which is the order
   * of their first collection, and a delivery is released once no device still to come can have an
   * earlier one: memory holds only the deliveries in flight (a few weeks of the window), not the run.
   */
  *deliveries(): Generator<Delivery> {
    const pending = new TimeOrderedQueue<PlannedDelivery>(this.context.fromMs, byDeliveryTime);
    let seq = 0;
    for (let index = 0; index < this.options.devices; index++) {
      for (const { delivery } of pending.releaseBefore(this.context.earliestTimeFrom(index))) {
        // Each run of deliveries() plans fresh objects, so numbering them in place is safe.
        delivery.seq = seq++;
        yield delivery;
      }
      for (const planned of this.plan(simulateDevice(index, this.context))) pending.push(planned);
    }
    for (const { delivery } of pending.drain()) {
      delivery.seq = seq++;
      yield delivery;
    }
  }

  /** Counts and expected outcomes, from one pass over the devices (computed once, then kept). */
  summary(): SimulationSummary {
    if (!this.cachedSummary) {
      const accumulator = new SummaryAccumulator(this.options);
      for (const device of this.devices()) accumulator.addDevice(device, this.plan(device));
      this.cachedSummary = accumulator.result();
    }
    return this.cachedSummary;
  }

  private plan(device: SimulatedDevice): PlannedDelivery[] {
    return planDeliveries(device, this.options.seed, this.options.rates);
  }
}
