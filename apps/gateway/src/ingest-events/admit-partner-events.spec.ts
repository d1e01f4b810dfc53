import { DEVICE_EVENT_TYPES, DeviceEventType, TOPICS } from '@refurb/contracts';
import { FIXTURE_NOW, rawDeviceEvents } from '@refurb/contracts/testing/raw-device-events.fixture';
import { AuthenticatedPartner } from '../partner-keys/partner';
import { admitPartnerEvents } from './admit-partner-events';

function partner(...types: DeviceEventType[]): AuthenticatedPartner {
  return { partnerId: 'rebox-fr', keyId: 'abcdefabcdef', allowedEventTypes: new Set(types) };
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
});
