import { DEVICE_EVENT_TYPES, scopeViolation, validateDeviceEvent } from '@refurb/contracts';
import { FIXTURE_NOW, rawDeviceEvents } from '@refurb/contracts/testing/raw-device-events.fixture';
import { partnerScope } from './partner';
import { SCOPED_KINDS, ScopeListName } from './partner-scope-input';

describe('SCOPED_KINDS', () => {
  const events = rawDeviceEvents();
  const names = Object.keys(SCOPED_KINDS) as ScopeListName[];

  // The lists an operator must state are exactly the ones the contract's scope check reads.
  it.each(DEVICE_EVENT_TYPES)('requires for %s exactly the lists the contract checks it against', (type) => {
    const validated = validateDeviceEvent(events[type], { now: FIXTURE_NOW });
    if (!validated.ok) throw new Error(`fixture ${type} is invalid`);
    for (const name of names) {
      const scope = partnerScope({
        allowedEventTypes: [type],
        allowedWorkshopIds: ['*'],
        allowedSiteIds: ['*'],
        allowedResaleChannels: ['*'],
        [name]: [],
      });
      const checked = scopeViolation(validated.event, scope, 'partner x') !== null;
      expect([name, checked]).toEqual([name, SCOPED_KINDS[name].types.includes(type)]);
    }
  });
});
