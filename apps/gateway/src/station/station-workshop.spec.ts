import { PartnerScope } from '@refurb/contracts';
import { STATION_EVENT_TYPES, stationWorkshopOf } from './station-workshop';

const scope = (workshopIds: PartnerScope['workshopIds'], types = STATION_EVENT_TYPES): PartnerScope => ({
  eventTypes: new Set(types),
  workshopIds,
  siteIds: new Set(),
  resaleChannels: new Set(),
});

describe('stationWorkshopOf', () => {
  it('is the one workshop a key with every bench type is scoped to', () => {
    expect(stationWorkshopOf(scope(new Set(['ws-lyon'])))).toBe('ws-lyon');
  });

  it.each([
    ['any workshop', scope('*')],
    ['two workshops', scope(new Set(['ws-a', 'ws-b']))],
    ['no workshop', scope(new Set())],
    ['no refurbished type', scope(new Set(['ws-a']), ['device.diagnosed', 'device.repaired'])],
  ])('is undefined for a key scoped to %s', (_, given) => {
    expect(stationWorkshopOf(given)).toBeUndefined();
  });
});
