import { SeededRandom } from '@refurb/lifecycle/testing/seeded-random';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, startOfUtcDay } from '../calendar/time';
import { PartnerRole } from './partner-role';

/** Collection partners upload the day's collections in one batch in the evening. */
const EVENING_UPLOAD_HOUR = 20;

const between = (random: SeededRandom, min: number, max: number) =>
  random.int(Math.round(min / SECOND_MS), Math.round(max / SECOND_MS)) * SECOND_MS;

/** When an event that occurred at `occurredMs` reaches the pipeline in the normal course of business. */
export function onTimeDelivery(role: PartnerRole, occurredMs: number, random: SeededRandom): number {
  switch (role) {
    case 'collection': {
      const upload = startOfUtcDay(occurredMs) + EVENING_UPLOAD_HOUR * HOUR_MS;
      const base = occurredMs < upload ? upload : occurredMs + 5 * MINUTE_MS;
      return base + between(random, 0, 2 * HOUR_MS);
    }
    case 'workshop':
      // Bench scanners are online.
      return occurredMs + between(random, 5 * SECOND_MS, 10 * MINUTE_MS);
    case 'resale':
      // Marketplaces push order feeds every hour or so.
      return occurredMs + between(random, MINUTE_MS, 2 * HOUR_MS);
  }
}

/** A late event: a forgotten spreadsheet, a scanner offline for days. */
export function lateDelivery(occurredMs: number, random: SeededRandom): number {
  return occurredMs + between(random, DAY_MS, 21 * DAY_MS);
}

/** A re-send after a timeout, or the same file uploaded twice. */
export function duplicateDelivery(firstDeliveryMs: number, random: SeededRandom): number {
  return firstDeliveryMs + between(random, 30 * SECOND_MS, 2 * DAY_MS);
}

/** The broken version is sent around the same time as the good one. */
export function malformedDelivery(firstDeliveryMs: number, random: SeededRandom): number {
  return firstDeliveryMs + between(random, 0, 30 * MINUTE_MS);
}
