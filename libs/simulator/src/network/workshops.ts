import { GeoPoint } from './geo';

export type WorkshopCountry = 'FR' | 'DE';

export interface Workshop {
  /** The ids the issuance service seeds into its projects (FR-01, DE-01): never rename one. */
  id: string;
  /** Sender of the workshop's events (kafkaNativeSource; `partners/<partnerId>` via the gateway). */
  partnerId: string;
  city: string;
  country: WorkshopCountry;
  location: GeoPoint;
  /** Where the workshop sends what it cannot refurbish. */
  recyclerId: string;
}

export const WORKSHOPS: readonly Workshop[] = [
  {
    id: 'ws-paris-01',
    partnerId: 'atelier-paris',
    city: 'Saint-Ouen',
    country: 'FR',
    location: { lat: 48.912, lon: 2.334 },
    recyclerId: 'recycler-d3e-idf-03',
  },
  {
    id: 'ws-lyon-01',
    partnerId: 'atelier-lyon',
    city: 'Vénissieux',
    country: 'FR',
    location: { lat: 45.697, lon: 4.886 },
    recyclerId: 'recycler-d3e-rhone-01',
  },
  {
    id: 'ws-berlin-01',
    partnerId: 'werkstatt-berlin',
    city: 'Berlin-Marzahn',
    country: 'DE',
    location: { lat: 52.545, lon: 13.564 },
    recyclerId: 'recycler-weee-berlin-02',
  },
  {
    id: 'ws-hamburg-01',
    partnerId: 'werkstatt-hamburg',
    city: 'Hamburg-Billbrook',
    country: 'DE',
    location: { lat: 53.533, lon: 10.095 },
    recyclerId: 'recycler-weee-hamburg-01',
  },
];

export function workshopsIn(country: WorkshopCountry): Workshop[] {
  return WORKSHOPS.filter((workshop) => workshop.country === country);
}
