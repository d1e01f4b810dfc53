import { DEVICE_CATEGORIES } from '@refurb/contracts';
import { SeededRandom } from '@refurb/lifecycle/testing/seeded-random';
import { DAY_MS, SECOND_MS, startOfUtcDay } from '../calendar/time';
import { CATEGORY_WEIGHTS, modelsOf } from '../catalogue/device-models';
import { deriveSeed } from '../random/seed-hash';
import { expectedCycleOutcome } from './cycle-outcome';
import { DeviceEventFactory } from './device-event-factory';
import { planCycle } from './plan-cycle';
import { SimulatedCycle, SimulatedDevice } from './simulated-device';
import { SimulationContext } from './simulation-context';

/** A device comes back at most this many times in one window. */
const MAX_CYCLES = 3;
const HISTORY_STREAM = 1;

/**
 * The life of device `index`: a pure function of the seed, the options and the index, so devices can be
 * generated one at a time, in any order, and always come out the same. Events at or after the end of the
 * window have not happened yet and are left out.
 */
export function simulateDevice(index: number, context: SimulationContext): SimulatedDevice {
  const { options, untilMs } = context;
  const random = new SeededRandom(deriveSeed(options.seed, index, HISTORY_STREAM));
  const firstCollection = context.calendar.timeAt((index + random.next()) / options.devices);
  const category = random.weighted(DEVICE_CATEGORIES, (candidate) => CATEGORY_WEIGHTS[candidate]);
  const model = random.weighted(modelsOf(category), (candidate) => candidate.weight);
  const deviceId = context.identities.deviceId(model.identity, index, random);
  const factory = new DeviceEventFactory(deviceId, context.tags.code(index));

  const cycles: SimulatedCycle[] = [];
  let startMs = firstCollection;
  for (let number = 1; number <= MAX_CYCLES && startMs < untilMs; number++) {
    const plan = planCycle({ number, startMs, category, model, factory }, random, options.rates);
    const events = plan.events.filter((event) => Date.parse(event.time) < untilMs);
    cycles.push({
      number,
      siteId: plan.site.siteId,
      workshopId: plan.workshop.id,
      events,
      outcome: expectedCycleOutcome(events, plan.workshop),
    });
    if (!plan.soldForGood || !random.chance(options.rates.secondLife)) break;
    const lastMs = Date.parse(plan.events[plan.events.length - 1].time);
    startMs =
      startOfUtcDay(lastMs) + random.int(60, 400) * DAY_MS + random.int(8 * 3600, 19 * 3600) * SECOND_MS;
  }
  return { index, deviceId, category, brand: model.brand, model: model.model, cycles };
}
