import { TransportLeg } from '@refurb/contracts';
import { SeededRandom } from '@refurb/lifecycle/testing/seeded-random';
import { CollectionSite } from './collection-sites';
import { roadKm } from './geo';
import { Workshop, WORKSHOPS, workshopsIn } from './workshops';

export interface Route {
  workshop: Workshop;
  /** The leg from the collection site to the workshop, reported on `device.diagnosed`. */
  leg: TransportLeg;
}

/** Share of devices sent to the farther workshop of the country when the nearest one is at capacity. */
const OVERFLOW_SHARE = 0.2;
/** Long consolidated shipments go by rail this often. */
const RAIL_SHARE_BEYOND_450_KM = 0.35;
/** Express shipments of urgent business fleets. */
const AIR_SHARE_BEYOND_600_KM = 0.01;

function modeFor(distanceKm: number, random: SeededRandom): TransportLeg['mode'] {
  if (distanceKm > 600 && random.chance(AIR_SHARE_BEYOND_600_KM)) return 'air';
  if (distanceKm > 450 && random.chance(RAIL_SHARE_BEYOND_450_KM)) return 'rail';
  return 'road';
}

/** Where a site's devices are refurbished, and how they get there. */
export function routeFrom(site: CollectionSite, random: SeededRandom): Route {
  if (site.shipsTo) {
    const { workshopId, mode, distanceKm } = site.shipsTo;
    const workshop = WORKSHOPS.find((candidate) => candidate.id === workshopId);
    if (!workshop) throw new RangeError(`site ${site.siteId} ships to unknown workshop ${workshopId}`);
    return { workshop, leg: { distanceKm, mode } };
  }
  const [nearest, ...others] = workshopsIn(site.country)
    .map((workshop) => ({ workshop, distanceKm: roadKm(site.location, workshop.location) }))
    .sort((a, b) => a.distanceKm - b.distanceKm);
  const chosen = others.length > 0 && random.chance(OVERFLOW_SHARE) ? random.pick(others) : nearest;
  return {
    workshop: chosen.workshop,
    leg: { distanceKm: chosen.distanceKm, mode: modeFor(chosen.distanceKm, random) },
  };
}
