import { DEVICE_EVENT_TYPES } from '@refurb/contracts';
import { PartnerInput } from './partner-input';

/**
 * Partners for local runs and the demo, one per kind of sender in docs/methodology.md#the-business. Kept
 * out of migrations: a migration would run in production too, and keys (secrets) never belong in one.
 */
export const DEMO_PARTNERS: readonly PartnerInput[] = [
  { id: 'rebox-fr', displayName: 'REBOX France', allowedEventTypes: ['device.collected'] },
  {
    id: 'atelier-lyon',
    displayName: 'Atelier Lyon (refurbishment workshop)',
    allowedEventTypes: ['device.diagnosed', 'device.repaired', 'device.refurbished', 'device.recycled'],
  },
  {
    id: 'backmarket-fr',
    displayName: 'Back Market France (resale channel)',
    allowedEventTypes: ['device.resold', 'device.returned'],
  },
  {
    id: 'all-types',
    displayName: 'Demo partner allowed every event type',
    allowedEventTypes: DEVICE_EVENT_TYPES,
  },
];

/** Label of the keys seed-local issues, so they can be told apart (and revoked) later. */
export const SEED_KEY_LABEL = 'seed-local';
