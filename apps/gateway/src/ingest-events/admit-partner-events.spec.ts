import { DEVICE_EVENT_TYPES, DeviceEventType, TOPICS } from '@refurb/contracts';
import { FIXTURE_NOW, rawDeviceEvents } from '@refurb/contracts/testing/raw-device-events.fixture';
import { AuthenticatedPartner, partnerScope, PartnerScopeLists } from '../partner-keys/partner';
import { admitPartnerEvents } from './admit-partner-events';

function scoped(lists: PartnerScopeLists): AuthenticatedPartner {
  return { partnerId: 'rebox-fr', keyId: 'abcdefabcdef', scope: partnerScope(lists) };
}

/** May send these types, naming any workshop, site or channel. */
function partner(...types: DeviceEventType[]): AuthenticatedPartner {
  return scoped({
    allowedEventTypes: types,
    allowedWorkshopIds: ['*'],
    allowedSiteIds: ['*'],
    allowedResaleChannels: ['*'],
  });
}

describe('admitPartnerEvents', () => {
  const events = rawDeviceEvents();

  it('accepts valid events with the partner as source, whatever the body claims', () => {
    const { results, toProduce } = admitPartnerEvents(
      [events['device.collected'], events['device.resold']],
      partner(...DEVICE_EVENT_TYPES),
      FIXTURE_NOW,
    );
    expect(results).toEqual([
      { index: 0, id: events['device.collected'].id, status: 'accepted', topic: TOPICS.collection },
      { index: 1, id: events['device.resold'].id, status: 'accepted', topic: TOPICS.resale },
    ]);
    expect(toProduce.map((event) => event.source)).toEqual(['partners/rebox-fr', 'partners/rebox-fr']);
    expect(toProduce[0].subject).toBe('imei:353325091234561');
  });

  it('refuses types the partner may not send, even when the event is otherwise broken', () => {
    const broken = { ...events['device.resold'], data: {} };
    const { results, toProduce } = admitPartnerEvents(
      [events['device.collected'], broken],
      partner('device.collected'),
      FIXTURE_NOW,
    );
    expect(results[1]).toEqual({
      index: 1,
      id: events['device.resold'].id,
      status: 'rejected',
      code: 'GATEWAY.EVENT_TYPE_NOT_ALLOWED',
      message: 'partner rebox-fr may not send device.resold events',
      field: 'type',
    });
    expect(toProduce).toHaveLength(1);
  });

  it('answers each invalid event with its contract code and a null id when it has none', () => {
    const { results } = admitPartnerEvents(
      [42, { ...events['device.collected'], id: 7 }, { ...events['device.collected'], type: 'device.sold' }],
      partner(...DEVICE_EVENT_TYPES),
      FIXTURE_NOW,
    );
    expect(results.map((r) => [r.index, r.id, r.status === 'rejected' ? r.code : r.status])).toEqual([
      [0, null, 'EVENT.NOT_AN_OBJECT'],
      [1, null, 'EVENT.INVALID_ID'],
      [2, events['device.collected'].id, 'EVENT.UNKNOWN_TYPE'],
    ]);
  });

  it('uses the server clock it is given', () => {
    const { results } = admitPartnerEvents(
      [events['device.collected']],
      partner('device.collected'),
      new Date('2025-05-01T00:00:00Z'),
    );
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'EVENT.TIME_IN_FUTURE', field: 'time' });
  });

  it('accepts an exact duplicate once and refuses an id reused with another payload', () => {
    const original = events['device.collected'];
    const sameButFormattedDifferently = { ...original, source: 'someone-else', extra: 'ignored' };
    const different = { ...original, data: { ...original.data, siteId: 'OTHER-SITE' } };
    const { results, toProduce } = admitPartnerEvents(
      [original, sameButFormattedDifferently, different],
      partner('device.collected'),
      FIXTURE_NOW,
    );
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected']);
    expect(results[2]).toMatchObject({ code: 'EVENT.ID_REUSED', field: 'id', id: original.id });
    expect(toProduce).toHaveLength(1);
  });

  describe('with scopes', () => {
    const narrow = scoped({
      allowedEventTypes: [...DEVICE_EVENT_TYPES],
      allowedWorkshopIds: ['WS-LYON-01', 'ECOSYSTEM-IDF-03'],
      allowedSiteIds: ['REBOX-FNAC-TERNES'],
      allowedResaleChannels: ['back-market'],
    });
    const naming = (type: DeviceEventType, field: string, value: string) => ({
      ...events[type],
      data: { ...events[type].data, [field]: value },
    });

    it('accepts events naming only what the partner may name, compared once normalised', () => {
      const untidy = naming('device.repaired', 'workshopId', ' WS-LYON-01\t');
      const { results, toProduce } = admitPartnerEvents(
        [...Object.values(events), untidy].map((event, i) => ({ ...event, id: `event-${i}` })),
        narrow,
        FIXTURE_NOW,
      );
      expect(results.map((result) => result.status)).toEqual(Array(8).fill('accepted'));
      expect(toProduce).toHaveLength(8);
    });

    it.each([
      ['device.diagnosed', 'workshopId', 'WS-PARIS-01', 'GATEWAY.WORKSHOP_NOT_ALLOWED', 'workshop'],
      ['device.repaired', 'workshopId', 'ws-lyon-01', 'GATEWAY.WORKSHOP_NOT_ALLOWED', 'workshop'],
      ['device.refurbished', 'workshopId', 'WS-BERLIN-01', 'GATEWAY.WORKSHOP_NOT_ALLOWED', 'workshop'],
      ['device.recycled', 'recyclerId', 'ECOSYSTEM-IDF-04', 'GATEWAY.WORKSHOP_NOT_ALLOWED', 'workshop'],
      ['device.collected', 'siteId', 'REBOX-DARTY-LILLE', 'GATEWAY.SITE_NOT_ALLOWED', 'collection site'],
      ['device.resold', 'channel', 'refurbed', 'GATEWAY.RESALE_CHANNEL_NOT_ALLOWED', 'resale channel'],
    ] as const)('refuses a %s naming %s %j outside the scope with %s', (type, field, value, code, what) => {
      const { results, toProduce } = admitPartnerEvents(
        [naming(type, field, value), events['device.returned']],
        narrow,
        FIXTURE_NOW,
      );
      expect(results[0]).toEqual({
        index: 0,
        id: events[type].id,
        status: 'rejected',
        code,
        message: `partner rebox-fr may not name ${what} ${JSON.stringify(value)}`,
        field: `data.${field}`,
      });
      // The same request's other events are decided on their own.
      expect(results[1]).toMatchObject({ status: 'accepted' });
      expect(toProduce.map((event) => event.type)).toEqual(['device.returned']);
    });

    it('still refuses a type the partner may not send before validating it', () => {
      const { results } = admitPartnerEvents(
        [{ ...events['device.resold'], data: {} }],
        scoped({
          allowedEventTypes: ['device.collected'],
          allowedWorkshopIds: [],
          allowedSiteIds: ['*'],
          allowedResaleChannels: [],
        }),
        FIXTURE_NOW,
      );
      expect(results[0]).toMatchObject({ code: 'GATEWAY.EVENT_TYPE_NOT_ALLOWED', field: 'type' });
    });

    it('does not let an out-of-scope event claim an id for the rest of the request', () => {
      const outside = naming('device.collected', 'siteId', 'ELSEWHERE');
      const { results, toProduce } = admitPartnerEvents(
        [outside, events['device.collected']],
        narrow,
        FIXTURE_NOW,
      );
      expect(results.map((result) => (result.status === 'accepted' ? 'accepted' : result.code))).toEqual([
        'GATEWAY.SITE_NOT_ALLOWED',
        'accepted',
      ]);
      expect(toProduce).toHaveLength(1);
    });
  });
});
