import { DEVICE_EVENT_TYPES } from '@refurb/contracts';
import { STATION_EVENT_TYPES } from '../station/station-workshop';
import { PartnerInput } from './partner-input';
import { ANY_VALUE } from './partner-scope-input';

const ANY = [ANY_VALUE];

/** The simulator's Lyon workshop: the demo station records steps for it. */
export const DEMO_STATION_WORKSHOP = 'ws-lyon-01';
export const DEMO_STATION_PARTNER = 'bench-lyon';

/**
 * Partners for local runs and the demo, one per kind of sender in docs/methodology.md#the-business. Kept
 * out of migrations: a migration would run in production too, and keys (secrets) never belong in one.
 * Each may name any workshop, site or channel its types name: the simulator sends the events of every
 * site, workshop and channel of its network with one key per kind of sender (docs/decisions.md, partner
 * scopes), and the tests send fixtures of their own through them. Narrow scopes are tested with
 * partners of their own (test/integration/gateway-partner-scopes.test.ts).
 */
export const DEMO_PARTNERS: readonly PartnerInput[] = [
  {
    id: 'rebox-fr',
    displayName: 'REBOX France',
    allowedEventTypes: ['device.collected'],
    allowedSiteIds: ANY,
  },
  {
    id: 'atelier-lyon',
    displayName: 'Atelier Lyon (refurbishment workshop)',
    allowedEventTypes: ['device.diagnosed', 'device.repaired', 'device.refurbished', 'device.recycled'],
    allowedWorkshopIds: ANY,
  },
  {
    // A workshop key for the scan station (/station): one workshop, the bench's event types.
    id: DEMO_STATION_PARTNER,
    displayName: 'Atelier Lyon, bench 1 (scan station)',
    allowedEventTypes: [...STATION_EVENT_TYPES],
    allowedWorkshopIds: [DEMO_STATION_WORKSHOP],
  },
  {
    id: 'backmarket-fr',
    displayName: 'Back Market France (resale channel)',
    allowedEventTypes: ['device.resold', 'device.returned'],
    allowedResaleChannels: ANY,
  },
  {
    id: 'all-types',
    displayName: 'Demo partner allowed every event type',
    allowedEventTypes: DEVICE_EVENT_TYPES,
    allowedWorkshopIds: ANY,
    allowedSiteIds: ANY,
    allowedResaleChannels: ANY,
  },
];

/** Label of the keys seed-local issues, so they can be told apart (and revoked) later. */
export const SEED_KEY_LABEL = 'seed-local';
