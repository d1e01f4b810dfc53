import { CollectionChannel, TransportMode } from '@refurb/contracts';
import { GeoPoint } from './geo';
import { WorkshopCountry } from './workshops';

/** Who runs a site; sheltered workshops report on the `sse-partner` channel, the contract has no other. */
export type SiteKind = 'rebox' | 'sse-partner' | 'sheltered-workshop' | 'trade-in' | 'b2b';

export interface CollectionSite {
  siteId: string;
  /** Sender of the site's events (kafkaNativeSource; `partners/<partnerId>` via the gateway). */
  partnerId: string;
  kind: SiteKind;
  channel: CollectionChannel;
  retailer?: string;
  city: string;
  country: WorkshopCountry;
  location: GeoPoint;
  /** Relative share of the collections. */
  weight: number;
  /** The leg that brought the device to the site, when the partner records one (mail-in, pick-up van). */
  inbound?: { mode: TransportMode; minKm: number; maxKm: number; share: number };
  /** Overseas sites consolidate to one workshop over a fixed route instead of the nearest by road. */
  shipsTo?: { workshopId: string; mode: TransportMode; distanceKm: number };
}

type SiteSeed = Omit<CollectionSite, 'channel' | 'kind'>;

const CHANNEL_OF: Readonly<Record<SiteKind, CollectionChannel>> = {
  rebox: 'rebox',
  'sse-partner': 'sse-partner',
  'sheltered-workshop': 'sse-partner',
  'trade-in': 'trade-in',
  b2b: 'b2b',
};

function sites(kind: SiteKind, seeds: readonly SiteSeed[]): CollectionSite[] {
  return seeds.map((seed) => ({ ...seed, kind, channel: CHANNEL_OF[kind] }));
}

const VAN_PICKUP = { mode: 'road', minKm: 3, maxKm: 60, share: 0.6 } as const;
const MAIL_IN = { mode: 'road', minKm: 40, maxKm: 950, share: 1 } as const;

/** REBOX drop-off boxes hosted by retailers (France). */
// One site per line keeps the table reviewable.
// prettier-ignore
const REBOX = sites('rebox', [
  { siteId: 'rebox-fnac-paris-ternes', partnerId: 'rebox-fr', retailer: 'Fnac', city: 'Paris', country: 'FR', location: { lat: 48.879, lon: 2.295 }, weight: 6 },
  { siteId: 'rebox-fnac-lyon-bellecour', partnerId: 'rebox-fr', retailer: 'Fnac', city: 'Lyon', country: 'FR', location: { lat: 45.758, lon: 4.833 }, weight: 4 },
  { siteId: 'rebox-fnac-bordeaux-sainte-catherine', partnerId: 'rebox-fr', retailer: 'Fnac', city: 'Bordeaux', country: 'FR', location: { lat: 44.84, lon: -0.573 }, weight: 3 },
  { siteId: 'rebox-fnac-nice-massena', partnerId: 'rebox-fr', retailer: 'Fnac', city: 'Nice', country: 'FR', location: { lat: 43.698, lon: 7.268 }, weight: 2 },
  { siteId: 'rebox-darty-lille-grand-place', partnerId: 'rebox-fr', retailer: 'Darty', city: 'Lille', country: 'FR', location: { lat: 50.637, lon: 3.063 }, weight: 3 },
  { siteId: 'rebox-darty-marseille-la-valentine', partnerId: 'rebox-fr', retailer: 'Darty', city: 'Marseille', country: 'FR', location: { lat: 43.293, lon: 5.48 }, weight: 3 },
  { siteId: 'rebox-darty-paris-republique', partnerId: 'rebox-fr', retailer: 'Darty', city: 'Paris', country: 'FR', location: { lat: 48.867, lon: 2.363 }, weight: 4 },
  { siteId: 'rebox-boulanger-nantes-atlantis', partnerId: 'rebox-fr', retailer: 'Boulanger', city: 'Saint-Herblain', country: 'FR', location: { lat: 47.224, lon: -1.632 }, weight: 3 },
  { siteId: 'rebox-boulanger-toulouse-portet', partnerId: 'rebox-fr', retailer: 'Boulanger', city: 'Portet-sur-Garonne', country: 'FR', location: { lat: 43.526, lon: 1.407 }, weight: 2 },
  { siteId: 'rebox-carrefour-strasbourg-illkirch', partnerId: 'rebox-fr', retailer: 'Carrefour', city: 'Illkirch', country: 'FR', location: { lat: 48.53, lon: 7.73 }, weight: 2 },
  { siteId: 'rebox-carrefour-rennes-cesson', partnerId: 'rebox-fr', retailer: 'Carrefour', city: 'Cesson-Sévigné', country: 'FR', location: { lat: 48.112, lon: -1.606 }, weight: 2 },
  {
    siteId: 'rebox-carrefour-sainte-clotilde-reunion',
    partnerId: 'rebox-fr',
    retailer: 'Carrefour',
    city: 'Sainte-Clotilde',
    country: 'FR',
    location: { lat: -20.894, lon: 55.479 },
    weight: 0.6,
    // Containers leave Le Port for Fos-sur-Mer through Suez, then the Lyon workshop.
    shipsTo: { workshopId: 'ws-lyon-01', mode: 'sea', distanceKm: 9300 },
  },
]);

/** Social and solidarity economy partners that collect and sort. */
// One site per line keeps the table reviewable.
// prettier-ignore
const SSE = sites('sse-partner', [
  { siteId: 'sse-emmaus-connect-paris-belleville', partnerId: 'emmaus-connect', city: 'Paris', country: 'FR', location: { lat: 48.872, lon: 2.377 }, weight: 4, inbound: VAN_PICKUP },
  { siteId: 'sse-emmaus-connect-marseille', partnerId: 'emmaus-connect', city: 'Marseille', country: 'FR', location: { lat: 43.3, lon: 5.38 }, weight: 2, inbound: VAN_PICKUP },
  { siteId: 'sse-envie-angers', partnerId: 'envie', city: 'Angers', country: 'FR', location: { lat: 47.47, lon: -0.55 }, weight: 2.5, inbound: VAN_PICKUP },
  { siteId: 'sse-envie-strasbourg', partnerId: 'envie', city: 'Strasbourg', country: 'FR', location: { lat: 48.584, lon: 7.745 }, weight: 2, inbound: VAN_PICKUP },
  { siteId: 'sse-ateliers-du-bocage-le-pin', partnerId: 'ateliers-du-bocage', city: 'Le Pin', country: 'FR', location: { lat: 46.86, lon: -0.65 }, weight: 1.5, inbound: VAN_PICKUP },
  { siteId: 'sse-social-it-essen', partnerId: 'social-it-de', city: 'Essen', country: 'DE', location: { lat: 51.455, lon: 7.011 }, weight: 3, inbound: VAN_PICKUP },
  { siteId: 'sse-diakonie-leipzig', partnerId: 'diakonie-sachsen', city: 'Leipzig', country: 'DE', location: { lat: 51.34, lon: 12.375 }, weight: 2, inbound: VAN_PICKUP },
]);

/** Sheltered workshops (ESAT in France, WfbM in Germany) sorting for the refurbisher. */
// One site per line keeps the table reviewable.
// prettier-ignore
const SHELTERED = sites('sheltered-workshop', [
  { siteId: 'esat-lille-hellemmes', partnerId: 'esat-nord', city: 'Hellemmes', country: 'FR', location: { lat: 50.627, lon: 3.11 }, weight: 2 },
  { siteId: 'esat-lyon-gerland', partnerId: 'esat-rhone', city: 'Lyon', country: 'FR', location: { lat: 45.73, lon: 4.83 }, weight: 1.5 },
  { siteId: 'wfbm-berlin-spandau', partnerId: 'wfbm-berlin', city: 'Berlin', country: 'DE', location: { lat: 52.535, lon: 13.2 }, weight: 2 },
  { siteId: 'wfbm-hamburg-alsterdorf', partnerId: 'wfbm-hamburg', city: 'Hamburg', country: 'DE', location: { lat: 53.612, lon: 10.02 }, weight: 1.5 },
]);

/** Trade-in: in store, or mailed by the customer to a hub (then the postal leg is recorded). */
// One site per line keeps the table reviewable.
// prettier-ignore
const TRADE_IN = sites('trade-in', [
  { siteId: 'tradein-hub-roissy', partnerId: 'tradein-fr', city: 'Roissy-en-France', country: 'FR', location: { lat: 49.004, lon: 2.516 }, weight: 7, inbound: MAIL_IN },
  { siteId: 'tradein-operator-store-paris-opera', partnerId: 'tradein-fr', city: 'Paris', country: 'FR', location: { lat: 48.871, lon: 2.332 }, weight: 3 },
  { siteId: 'tradein-operator-store-lyon-part-dieu', partnerId: 'tradein-fr', city: 'Lyon', country: 'FR', location: { lat: 45.761, lon: 4.857 }, weight: 2 },
  { siteId: 'tradein-hub-kassel', partnerId: 'tradein-de', city: 'Kassel', country: 'DE', location: { lat: 51.312, lon: 9.479 }, weight: 6, inbound: MAIL_IN },
  { siteId: 'tradein-electronics-store-berlin-alexanderplatz', partnerId: 'tradein-de', city: 'Berlin', country: 'DE', location: { lat: 52.521, lon: 13.413 }, weight: 3 },
  { siteId: 'tradein-operator-store-munich-marienplatz', partnerId: 'tradein-de', city: 'München', country: 'DE', location: { lat: 48.137, lon: 11.575 }, weight: 2 },
]);

/** Corporate fleets returned at the end of their lease. */
// One site per line keeps the table reviewable.
// prettier-ignore
const B2B = sites('b2b', [
  { siteId: 'b2b-bank-paris-la-defense', partnerId: 'b2b-fr', city: 'Puteaux', country: 'FR', location: { lat: 48.892, lon: 2.236 }, weight: 3 },
  { siteId: 'b2b-insurer-lyon-confluence', partnerId: 'b2b-fr', city: 'Lyon', country: 'FR', location: { lat: 45.741, lon: 4.818 }, weight: 2 },
  { siteId: 'b2b-aerospace-toulouse-blagnac', partnerId: 'b2b-fr', city: 'Blagnac', country: 'FR', location: { lat: 43.637, lon: 1.39 }, weight: 2 },
  { siteId: 'b2b-automotive-stuttgart', partnerId: 'b2b-de', city: 'Stuttgart', country: 'DE', location: { lat: 48.783, lon: 9.183 }, weight: 3 },
  { siteId: 'b2b-utility-munich', partnerId: 'b2b-de', city: 'München', country: 'DE', location: { lat: 48.15, lon: 11.56 }, weight: 2 },
  { siteId: 'b2b-logistics-frankfurt', partnerId: 'b2b-de', city: 'Frankfurt am Main', country: 'DE', location: { lat: 50.05, lon: 8.57 }, weight: 2 },
]);

export const COLLECTION_SITES: readonly CollectionSite[] = [
  ...REBOX,
  ...SSE,
  ...SHELTERED,
  ...TRADE_IN,
  ...B2B,
];
