import { AnyDeviceEvent, DeviceCategory, PART_NAMES, PartName, partExistsIn } from '@refurb/contracts';
import { SeededRandom } from '@refurb/lifecycle/testing/seeded-random';
import { onBenchHours } from '../calendar/working-hours';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, startOfUtcDay } from '../calendar/time';
import { DeviceModel } from '../catalogue/device-models';
import { PARTS_PER_REPAIR, REPAIR_PROFILES } from '../catalogue/replaced-parts';
import { COLLECTION_SITES, CollectionSite } from '../network/collection-sites';
import { RESALE_CHANNELS, RETURN_REASONS, ResaleChannel } from '../network/resale-channels';
import { Route, routeFrom } from '../network/routing';
import { Workshop } from '../network/workshops';
import { FunnelRates } from '../simulation-options';
import { DeviceEventFactory } from './device-event-factory';

export interface CyclePlan {
  site: CollectionSite;
  workshop: Workshop;
  /** Every event the cycle would have, in time order, before cutting at the end of the window. */
  events: AnyDeviceEvent[];
  /** Resold and not returned: the device lives with a new owner, who may hand it in again one day. */
  soldForGood: boolean;
}

export interface CycleInput {
  number: number;
  startMs: number;
  category: DeviceCategory;
  model: DeviceModel;
  factory: DeviceEventFactory;
}

const REFURBISHED_GRADES = [
  ['A', 30],
  ['B', 50],
  ['C', 20],
] as const;
const PRE_GRADES = ['A', 'B+', 'B', 'C'] as const;

const seconds = (random: SeededRandom, min: number, max: number) =>
  random.int(Math.round(min / SECOND_MS), Math.round(max / SECOND_MS)) * SECOND_MS;

/** A moment of the day `days` after `ms`, between `fromHour` and `toHour` UTC. */
function laterDay(random: SeededRandom, ms: number, days: number, fromHour: number, toHour: number): number {
  return startOfUtcDay(ms) + days * DAY_MS + seconds(random, fromHour * HOUR_MS, toHour * HOUR_MS);
}

function transitDays(route: Route, random: SeededRandom): number {
  switch (route.leg.mode) {
    case 'sea':
      return random.int(28, 45);
    case 'air':
      return random.int(1, 2);
    default:
      return (
        1 + Math.ceil(route.leg.distanceKm / 600) + random.int(0, 3) + (route.leg.mode === 'rail' ? 1 : 0)
      );
  }
}

/** Distinct parts, drawn by frequency, in the canonical order validation would give them. */
function replacedParts(category: DeviceCategory, random: SeededRandom): PartName[] {
  const weights = REPAIR_PROFILES[category].parts;
  let candidates = PART_NAMES.filter((part) => (weights[part] ?? 0) > 0 && partExistsIn(category, part));
  const count = random.weighted(PARTS_PER_REPAIR, ([, weight]) => weight)[0];
  const chosen = new Set<PartName>();
  while (chosen.size < count && candidates.length > 0) {
    const part = random.weighted(candidates, (candidate) => weights[candidate] ?? 0);
    chosen.add(part);
    candidates = candidates.filter((candidate) => candidate !== part);
  }
  return PART_NAMES.filter((part) => chosen.has(part));
}

class SaleRecorder {
  private sales = 0;

  constructor(
    private readonly input: CycleInput,
    private readonly workshop: Workshop,
    private readonly random: SeededRandom,
    private readonly events: AnyDeviceEvent[],
  ) {}

  sell(atMs: number, channel: ResaleChannel): string {
    const country = this.random.weighted(channel.buyers[this.workshop.country], ([, weight]) => weight)[0];
    const orderId = this.input.factory.orderId(channel, this.input.number, this.sales++, atMs);
    this.events.push(this.input.factory.resold(atMs, channel, orderId, country));
    return orderId;
  }

  giveBack(atMs: number, channel: ResaleChannel, orderId: string): void {
    const reason = this.random.pick(RETURN_REASONS[this.workshop.country]);
    this.events.push(this.input.factory.returned(atMs, channel, orderId, reason));
  }
}

function channelFor(workshop: Workshop, random: SeededRandom, except?: ResaleChannel): ResaleChannel {
  const candidates = RESALE_CHANNELS.filter((channel) => channel !== except);
  return random.weighted(candidates, (channel) => channel.shareFrom[workshop.country]);
}

/** Resale, then the faults of the rates: a conflicting second sale, a return and maybe a sale again. */
function planSales(
  recorder: SaleRecorder,
  workshop: Workshop,
  refurbishedAt: number,
  random: SeededRandom,
  rates: FunnelRates,
): boolean {
  const channel = channelFor(workshop, random);
  const soldAt = laterDay(random, refurbishedAt, random.int(1, 45), 6, 23);
  const orderId = recorder.sell(soldAt, channel);
  if (random.chance(rates.conflictingResales)) {
    recorder.sell(
      soldAt + seconds(random, 10 * MINUTE_MS, 2 * DAY_MS),
      channelFor(workshop, random, channel),
    );
  }
  if (!random.chance(rates.returns)) return true;
  const returnedAt = laterDay(random, soldAt, random.int(3, 20), 8, 18);
  recorder.giveBack(returnedAt, channel, orderId);
  if (!random.chance(rates.resoldAfterReturn)) return false;
  recorder.sell(laterDay(random, returnedAt, random.int(5, 30), 6, 23), channelFor(workshop, random));
  return true;
}

/** One pass through collection, the workshop and resale (or recycling), starting at `startMs`. */
export function planCycle(input: CycleInput, random: SeededRandom, rates: FunnelRates): CyclePlan {
  const { number, startMs, category, model, factory } = input;
  const site = random.weighted(COLLECTION_SITES, (candidate) => candidate.weight);
  const route = routeFrom(site, random);
  const { workshop } = route;
  const events: AnyDeviceEvent[] = [];

  const inbound =
    site.inbound && random.chance(site.inbound.share)
      ? { distanceKm: random.int(site.inbound.minKm, site.inbound.maxKm), mode: site.inbound.mode }
      : undefined;
  events.push(
    factory.collected(number, startMs, site, { category, brand: model.brand, model: model.model }, inbound),
  );

  let at = onBenchHours(
    startMs + transitDays(route, random) * DAY_MS + seconds(random, 0, 8 * HOUR_MS),
    random,
  );
  const refurbishable = random.chance(rates.refurbishable);
  // Partners record the inbound leg most of the time; a missing leg only makes the credit larger.
  const leg = random.chance(0.9) ? route.leg : undefined;
  const preGrade = refurbishable && random.chance(0.5) ? random.pick(PRE_GRADES) : undefined;
  events.push(
    factory.diagnosed(number, at, workshop, refurbishable ? 'refurbishable' : 'recycle', preGrade, leg),
  );

  if (!refurbishable) {
    at = onBenchHours(at + random.int(1, 20) * DAY_MS, random);
    events.push(factory.recycled(number, at, workshop));
    return { site, workshop, events, soldForGood: false };
  }
  if (random.chance(REPAIR_PROFILES[category].repairShare)) {
    at = onBenchHours(at + seconds(random, 30 * MINUTE_MS, 3 * DAY_MS), random);
    events.push(factory.repaired(number, at, workshop, replacedParts(category, random)));
  }
  at = onBenchHours(at + seconds(random, HOUR_MS, 2 * DAY_MS), random);
  const grade = random.weighted(REFURBISHED_GRADES, ([, weight]) => weight)[0];
  events.push(factory.refurbished(number, at, workshop, grade));

  const recorder = new SaleRecorder(input, workshop, random, events);
  const soldForGood = planSales(recorder, workshop, at, random, rates);
  return { site, workshop, events, soldForGood };
}
