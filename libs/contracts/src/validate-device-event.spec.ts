import { canonicalJson } from './canonical-json';
import { AnyDeviceEvent, DEVICE_EVENT_TYPES, DeviceEventType } from './device-event';
import { FIXTURE_NOW, RawEvent, rawDeviceEvents } from './testing/raw-device-events.fixture';
import { Rejection, RejectionCode } from './rejection';
import {
  DEFAULT_MAX_CLOCK_SKEW_MS,
  validateDeviceEvent,
  ValidateDeviceEventOptions,
} from './validate-device-event';

const options: ValidateDeviceEventOptions = { now: FIXTURE_NOW };

function raw(type: DeviceEventType, change: (event: RawEvent) => void = () => undefined): RawEvent {
  const event = rawDeviceEvents()[type];
  change(event);
  return event;
}

function accepted(input: unknown, opts: ValidateDeviceEventOptions = options): AnyDeviceEvent {
  const result = validateDeviceEvent(input, opts);
  if (!result.ok) throw new Error(`expected acceptance, got ${JSON.stringify(result.rejection)}`);
  return result.event;
}

function rejection(input: unknown, opts: ValidateDeviceEventOptions = options): Rejection {
  const result = validateDeviceEvent(input, opts);
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.event)}`);
  return result.rejection;
}

const IMEI = 'imei:353325091234561';

describe('validateDeviceEvent', () => {
  describe('accepts each event type and normalises it', () => {
    const expected: Record<DeviceEventType, AnyDeviceEvent> = {
      'device.collected': {
        specversion: '1.0',
        id: 'rebox-paris-ternes/2025-05-28/000412',
        source: '/partners/rebox/paris-ternes',
        type: 'device.collected',
        subject: IMEI,
        time: '2025-05-28T14:42:07.000Z',
        data: {
          deviceId: IMEI,
          category: 'smartphone',
          brand: 'Apple',
          model: 'iPhone 12',
          channel: 'rebox',
          siteId: 'REBOX-FNAC-TERNES',
          retailer: 'Fnac Ternes',
          transport: { distanceKm: 12, mode: 'road' },
        },
      },
      'device.diagnosed': {
        specversion: '1.0',
        id: 'f4c1a3e2-7d5b-4c1e-9a0f-2b8e6d4c1a90',
        source: 'urn:refurb-ledger:workshop:lyon-01',
        type: 'device.diagnosed',
        subject: IMEI,
        time: '2025-05-30T08:15:00.000Z',
        data: {
          deviceId: IMEI,
          workshopId: 'WS-LYON-01',
          outcome: 'refurbishable',
          grade: 'B+',
          transport: { distanceKm: 465, mode: 'road' },
        },
      },
      'device.repaired': {
        specversion: '1.0',
        id: '0b2e5a8c-3f61-4d2a-b7c9-5e1f0a9d3c44',
        source: 'urn:refurb-ledger:workshop:lyon-01',
        type: 'device.repaired',
        subject: IMEI,
        time: '2025-05-30T08:02:31.250Z',
        data: { deviceId: IMEI, workshopId: 'WS-LYON-01', partsReplaced: ['battery', 'screen'] },
      },
      'device.refurbished': {
        specversion: '1.0',
        id: '7a9d2c14-0e3b-4f8a-a1d6-c2b5e8f0a317',
        source: 'urn:refurb-ledger:workshop:lyon-01',
        type: 'device.refurbished',
        subject: IMEI,
        time: '2025-05-30T14:45:00.000Z',
        data: {
          deviceId: IMEI,
          workshopId: 'WS-LYON-01',
          grade: 'A',
          erasureCertificateId: 'BLANCCO-2025-0042-7781',
        },
      },
      'device.recycled': {
        specversion: '1.0',
        id: 'recycle-2025-000981',
        source: '/partners/ecosystem/idf-03',
        type: 'device.recycled',
        subject: 'serial:lenovo:PF-2ABC3D',
        time: '2025-05-31T07:00:00.000Z',
        data: { deviceId: 'serial:lenovo:PF-2ABC3D', recyclerId: 'ECOSYSTEM-IDF-03' },
      },
      'device.resold': {
        specversion: '1.0',
        id: 'bm-order-88412-line-1',
        source: '/channels/back-market',
        type: 'device.resold',
        subject: IMEI,
        time: '2025-05-31T19:27:44.000Z',
        data: { deviceId: IMEI, orderId: 'BM-2025-88412', channel: 'back-market', country: 'FR' },
      },
      'device.returned': {
        specversion: '1.0',
        id: 'bm-return-88412-1',
        source: '/channels/back-market',
        type: 'device.returned',
        subject: IMEI,
        time: '2025-06-01T10:05:00.000Z',
        data: { deviceId: IMEI, orderId: 'BM-2025-88412', reason: 'Écran défectueux à la réception' },
      },
    };

    it.each(DEVICE_EVENT_TYPES.map((type) => [type]))('%s', (type) => {
      expect(accepted(raw(type))).toStrictEqual(expected[type]);
    });

    it('composes text to NFC', () => {
      const event = accepted(raw('device.returned'));
      expect(event.type === 'device.returned' && event.data.reason).toBe(
        '\u00c9cran d\u00e9fectueux \u00e0 la r\u00e9ception',
      );
    });
  });

  describe('normalisation', () => {
    it('derives subject from data.deviceId when the envelope has none', () => {
      expect(accepted(raw('device.diagnosed', (e) => delete e.subject)).subject).toBe(IMEI);
    });

    it('accepts a subject written differently that names the same device', () => {
      expect(accepted(raw('device.resold', (e) => (e.subject = '35-332509-123456-1'))).subject).toBe(IMEI);
    });

    it('strips extension attributes, datacontenttype and unknown data properties', () => {
      const event = accepted(
        raw('device.collected', (e) => {
          e.traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
          e.data.colour = 'blue';
          (e.data.transport as Record<string, unknown>).carrier = 'DHL';
        }),
      );
      expect(Object.keys(event)).toEqual(['specversion', 'id', 'source', 'type', 'subject', 'time', 'data']);
      expect(event.data).not.toHaveProperty('colour');
      expect(event.type === 'device.collected' && event.data.transport).toStrictEqual({
        distanceKm: 12,
        mode: 'road',
      });
    });

    it('drops optional strings that are null or blank, and null transport', () => {
      const event = accepted(
        raw('device.collected', (e) => {
          e.data.brand = null;
          e.data.model = '   ';
          delete e.data.retailer;
          e.data.transport = null;
        }),
      );
      expect(event.data).toStrictEqual({
        deviceId: IMEI,
        category: 'smartphone',
        channel: 'rebox',
        siteId: 'REBOX-FNAC-TERNES',
      });
    });

    it('trims required strings and the source', () => {
      const event = accepted(
        raw('device.refurbished', (e) => {
          e.source = ' urn:refurb-ledger:workshop:lyon-01\n';
          e.data.workshopId = '\tWS-LYON-01 ';
          e.data.erasureCertificateId = 'BLANCCO-2025-0042-7781\r\n';
        }),
      );
      expect(event.source).toBe('urn:refurb-ledger:workshop:lyon-01');
      expect(event.data).toMatchObject({
        workshopId: 'WS-LYON-01',
        erasureCertificateId: 'BLANCCO-2025-0042-7781',
      });
    });

    it('keeps the id verbatim', () => {
      expect(accepted(raw('device.resold', (e) => (e.id = ' Order 42 '))).id).toBe(' Order 42 ');
    });

    it.each([
      [0, 0],
      [0.4, 0],
      [0.5, 1],
      [450.5, 451],
      [449.49, 449],
      [19999.6, 20000],
      [20000, 20000],
    ])('rounds a distance of %p km to %p', (distanceKm, expected) => {
      const event = accepted(
        raw('device.diagnosed', (e) => (e.data.transport = { distanceKm, mode: 'rail' })),
      );
      const transport = event.type === 'device.diagnosed' ? event.data.transport : undefined;
      expect(transport).toStrictEqual({ distanceKm: expected, mode: 'rail' });
      expect(Object.is(transport?.distanceKm, -0)).toBe(false);
    });

    it('sorts replaced parts into PART_NAMES order and keeps duplicates', () => {
      const event = accepted(
        raw('device.repaired', (e) => (e.data.partsReplaced = ['other', 'camera', 'battery', 'camera'])),
      );
      expect(event.data).toMatchObject({ partsReplaced: ['battery', 'camera', 'camera', 'other'] });
    });

    it('upper-cases and trims the country', () => {
      expect(accepted(raw('device.resold', (e) => (e.data.country = ' gb '))).data).toMatchObject({
        country: 'GB',
      });
    });

    it('normalises a serial-number device id', () => {
      const event = accepted(
        raw('device.collected', (e) => {
          delete e.subject;
          e.data.deviceId = 'Serial:Hewlett Packard:5cg1234xyz';
          e.data.category = 'laptop';
        }),
      );
      expect(event.subject).toBe('serial:hewlett-packard:5CG1234XYZ');
      expect(event.data.deviceId).toBe('serial:hewlett-packard:5CG1234XYZ');
    });

    it('accepts a JSON-typed datacontenttype with parameters', () => {
      expect(
        validateDeviceEvent(
          raw('device.resold', (e) => (e.datacontenttype = 'application/json; charset=utf-8')),
          options,
        ).ok,
      ).toBe(true);
    });
  });

  describe('time bounds', () => {
    const at = (time: string) => raw('device.resold', (e) => (e.time = time));

    it('accepts up to the default five minutes of clock skew', () => {
      expect(DEFAULT_MAX_CLOCK_SKEW_MS).toBe(300_000);
      expect(accepted(at('2025-06-01T12:05:00.000Z')).time).toBe('2025-06-01T12:05:00.000Z');
      expect(accepted(at('2025-06-01T14:05:00+02:00')).time).toBe('2025-06-01T12:05:00.000Z');
    });

    it('rejects one millisecond beyond the skew', () => {
      expect(rejection(at('2025-06-01T12:05:00.001Z'))).toEqual({
        code: RejectionCode.TIME_IN_FUTURE,
        message: 'time 2025-06-01T12:05:00.001Z is in the future beyond the allowed clock skew',
        field: 'time',
      });
    });

    it('honours a custom skew and the injected clock', () => {
      const strict = { now: FIXTURE_NOW, maxClockSkewMs: 0 };
      expect(accepted(at('2025-06-01T12:00:00Z'), strict).time).toBe('2025-06-01T12:00:00.000Z');
      expect(rejection(at('2025-06-01T12:00:00.001Z'), strict).code).toBe(RejectionCode.TIME_IN_FUTURE);
      const later = { now: new Date('2026-01-01T00:00:00Z') };
      expect(accepted(at('2025-12-31T23:59:00Z'), later).time).toBe('2025-12-31T23:59:00.000Z');
    });

    it('accepts 2000-01-01T00:00:00Z and rejects anything earlier', () => {
      expect(accepted(at('2000-01-01T00:00:00Z')).time).toBe('2000-01-01T00:00:00.000Z');
      expect(accepted(at('2000-01-01T01:00:00+01:00')).time).toBe('2000-01-01T00:00:00.000Z');
      expect(rejection(at('1999-12-31T23:59:59.999Z')).code).toBe(RejectionCode.TIME_TOO_OLD);
      expect(rejection(at('2000-01-01T00:30:00+01:00'))).toEqual({
        code: RejectionCode.TIME_TOO_OLD,
        message: 'time 1999-12-31T23:30:00.000Z is before 2000-01-01T00:00:00.000Z',
        field: 'time',
      });
      expect(rejection(at('0001-01-01T00:00:00Z')).code).toBe(RejectionCode.TIME_TOO_OLD);
    });

    it('rejects far-future years as in the future', () => {
      expect(rejection(at('9999-12-31T23:59:59Z')).code).toBe(RejectionCode.TIME_IN_FUTURE);
    });

    it('treats invalid options as a programming error', () => {
      expect(() => validateDeviceEvent(at('2025-01-01T00:00:00Z'), { now: new Date(Number.NaN) })).toThrow(
        TypeError,
      );
      expect(() =>
        validateDeviceEvent(at('2025-01-01T00:00:00Z'), { now: FIXTURE_NOW, maxClockSkewMs: -1 }),
      ).toThrow(RangeError);
    });
  });

  describe('rejections', () => {
    type Case = [string, () => unknown, RejectionCode, string | undefined];
    const cases: Case[] = [
      ['an array', () => [raw('device.resold')], RejectionCode.NOT_AN_OBJECT, undefined],
      ['null', () => null, RejectionCode.NOT_AN_OBJECT, undefined],
      ['a JSON string', () => JSON.stringify(raw('device.resold')), RejectionCode.NOT_AN_OBJECT, undefined],
      [
        'no specversion',
        () => raw('device.resold', (e) => delete e.specversion),
        RejectionCode.MISSING_FIELD,
        'specversion',
      ],
      [
        'specversion 0.3',
        () => raw('device.resold', (e) => (e.specversion = '0.3')),
        RejectionCode.UNSUPPORTED_SPECVERSION,
        'specversion',
      ],
      [
        'numeric specversion',
        () => raw('device.resold', (e) => (e.specversion = 1)),
        RejectionCode.UNSUPPORTED_SPECVERSION,
        'specversion',
      ],
      ['no id', () => raw('device.resold', (e) => delete e.id), RejectionCode.MISSING_FIELD, 'id'],
      ['an empty id', () => raw('device.resold', (e) => (e.id = '')), RejectionCode.INVALID_ID, 'id'],
      ['a blank id', () => raw('device.resold', (e) => (e.id = ' \t ')), RejectionCode.INVALID_ID, 'id'],
      [
        'an id with a newline',
        () => raw('device.resold', (e) => (e.id = 'order\n42')),
        RejectionCode.INVALID_ID,
        'id',
      ],
      [
        'a 257-character id',
        () => raw('device.resold', (e) => (e.id = 'x'.repeat(257))),
        RejectionCode.INVALID_ID,
        'id',
      ],
      ['a numeric id', () => raw('device.resold', (e) => (e.id = 42)), RejectionCode.INVALID_ID, 'id'],
      [
        'no source',
        () => raw('device.resold', (e) => delete e.source),
        RejectionCode.MISSING_FIELD,
        'source',
      ],
      [
        'a blank source',
        () => raw('device.resold', (e) => (e.source = '  ')),
        RejectionCode.INVALID_STRING,
        'source',
      ],
      [
        'a numeric source',
        () => raw('device.resold', (e) => (e.source = 7)),
        RejectionCode.INVALID_FIELD,
        'source',
      ],
      [
        'XML data',
        () => raw('device.resold', (e) => (e.datacontenttype = 'application/xml')),
        RejectionCode.UNSUPPORTED_CONTENT_TYPE,
        'datacontenttype',
      ],
      [
        'base64 data',
        () => raw('device.resold', (e) => (e.data_base64 = 'e30=')),
        RejectionCode.UNSUPPORTED_CONTENT_TYPE,
        'data_base64',
      ],
      [
        'a numeric subject',
        () => raw('device.resold', (e) => (e.subject = 353325091234561)),
        RejectionCode.INVALID_FIELD,
        'subject',
      ],
      ['no type', () => raw('device.resold', (e) => delete e.type), RejectionCode.MISSING_FIELD, 'type'],
      [
        'an unknown type',
        () => raw('device.resold', (e) => (e.type = 'device.sold')),
        RejectionCode.UNKNOWN_TYPE,
        'type',
      ],
      [
        'a type in another case',
        () => raw('device.resold', (e) => (e.type = 'Device.Resold')),
        RejectionCode.UNKNOWN_TYPE,
        'type',
      ],
      ['no time', () => raw('device.resold', (e) => delete e.time), RejectionCode.MISSING_FIELD, 'time'],
      [
        'a time without offset',
        () => raw('device.resold', (e) => (e.time = '2025-05-31T19:27:44')),
        RejectionCode.INVALID_TIME,
        'time',
      ],
      [
        'a time with a space',
        () => raw('device.resold', (e) => (e.time = '2025-05-31 19:27:44Z')),
        RejectionCode.INVALID_TIME,
        'time',
      ],
      [
        'epoch milliseconds',
        () => raw('device.resold', (e) => (e.time = 1748719664000)),
        RejectionCode.INVALID_TIME,
        'time',
      ],
      [
        '31 June',
        () => raw('device.resold', (e) => (e.time = '2025-06-31T00:00:00Z')),
        RejectionCode.INVALID_TIME,
        'time',
      ],
      [
        'a future time',
        () => raw('device.resold', (e) => (e.time = '2025-06-02T00:00:00Z')),
        RejectionCode.TIME_IN_FUTURE,
        'time',
      ],
      [
        'a 1990s time',
        () => raw('device.resold', (e) => (e.time = '1999-06-01T00:00:00Z')),
        RejectionCode.TIME_TOO_OLD,
        'time',
      ],
      [
        'no data',
        () => raw('device.resold', (e) => delete (e as Record<string, unknown>).data),
        RejectionCode.MISSING_FIELD,
        'data',
      ],
      [
        'null data',
        () => raw('device.resold', (e) => ((e as Record<string, unknown>).data = null)),
        RejectionCode.MISSING_FIELD,
        'data',
      ],
      [
        'string data',
        () => raw('device.resold', (e) => ((e as Record<string, unknown>).data = '{"deviceId":"x"}')),
        RejectionCode.INVALID_FIELD,
        'data',
      ],
      [
        'array data',
        () => raw('device.resold', (e) => ((e as Record<string, unknown>).data = [])),
        RejectionCode.INVALID_FIELD,
        'data',
      ],
      [
        'no deviceId',
        () => raw('device.resold', (e) => delete e.data.deviceId),
        RejectionCode.MISSING_FIELD,
        'data.deviceId',
      ],
      [
        'a bare serial',
        () => raw('device.resold', (e) => (e.data.deviceId = 'C02XK1ZPJGH5')),
        RejectionCode.INVALID_DEVICE_ID,
        'data.deviceId',
      ],
      [
        'a numeric deviceId',
        () => raw('device.resold', (e) => (e.data.deviceId = 353325091234561)),
        RejectionCode.INVALID_DEVICE_ID,
        'data.deviceId',
      ],
      [
        'a bad IMEI check digit',
        () => raw('device.resold', (e) => (e.data.deviceId = 'imei:353325091234562')),
        RejectionCode.INVALID_IMEI,
        'data.deviceId',
      ],
      [
        'a 14-digit IMEI',
        () => raw('device.resold', (e) => (e.data.deviceId = '35332509123456')),
        RejectionCode.INVALID_IMEI,
        'data.deviceId',
      ],
      [
        'a subject naming another device',
        () => raw('device.resold', (e) => (e.subject = 'imei:490154203237518')),
        RejectionCode.SUBJECT_MISMATCH,
        'subject',
      ],
      [
        'a subject that is no device id',
        () => raw('device.resold', (e) => (e.subject = 'order BM-2025-88412')),
        RejectionCode.SUBJECT_MISMATCH,
        'subject',
      ],
      [
        'an unknown category',
        () => raw('device.collected', (e) => (e.data.category = 'phablet')),
        RejectionCode.UNKNOWN_CATEGORY,
        'data.category',
      ],
      [
        'a capitalised category',
        () => raw('device.collected', (e) => (e.data.category = 'Smartphone')),
        RejectionCode.UNKNOWN_CATEGORY,
        'data.category',
      ],
      [
        'no category',
        () => raw('device.collected', (e) => delete e.data.category),
        RejectionCode.MISSING_FIELD,
        'data.category',
      ],
      [
        'an unknown collection channel',
        () => raw('device.collected', (e) => (e.data.channel = 'ebay')),
        RejectionCode.INVALID_FIELD,
        'data.channel',
      ],
      [
        'a numeric brand',
        () => raw('device.collected', (e) => (e.data.brand = 7)),
        RejectionCode.INVALID_FIELD,
        'data.brand',
      ],
      [
        'a 129-character model',
        () => raw('device.collected', (e) => (e.data.model = 'M'.repeat(129))),
        RejectionCode.INVALID_STRING,
        'data.model',
      ],
      [
        'a siteId with a NUL',
        () => raw('device.collected', (e) => (e.data.siteId = 'SITE\u0000')),
        RejectionCode.INVALID_STRING,
        'data.siteId',
      ],
      [
        'a blank siteId',
        () => raw('device.collected', (e) => (e.data.siteId = ' ')),
        RejectionCode.INVALID_STRING,
        'data.siteId',
      ],
      [
        'a retailer with a lone surrogate',
        () => raw('device.collected', (e) => (e.data.retailer = 'Fnac \ud83d')),
        RejectionCode.INVALID_STRING,
        'data.retailer',
      ],
      [
        'a transport that is a string',
        () => raw('device.collected', (e) => (e.data.transport = 'road')),
        RejectionCode.INVALID_TRANSPORT,
        'data.transport',
      ],
      [
        'a transport that is an array',
        () => raw('device.collected', (e) => (e.data.transport = [{ distanceKm: 1, mode: 'road' }])),
        RejectionCode.INVALID_TRANSPORT,
        'data.transport',
      ],
      [
        'a negative distance',
        () => raw('device.collected', (e) => (e.data.transport = { distanceKm: -0.1, mode: 'road' })),
        RejectionCode.INVALID_TRANSPORT,
        'data.transport.distanceKm',
      ],
      [
        'a distance beyond 20000 km',
        () => raw('device.collected', (e) => (e.data.transport = { distanceKm: 20000.4, mode: 'air' })),
        RejectionCode.INVALID_TRANSPORT,
        'data.transport.distanceKm',
      ],
      [
        'a distance as a string',
        () => raw('device.collected', (e) => (e.data.transport = { distanceKm: '450', mode: 'road' })),
        RejectionCode.INVALID_TRANSPORT,
        'data.transport.distanceKm',
      ],
      [
        'a missing distance',
        () => raw('device.collected', (e) => (e.data.transport = { mode: 'road' })),
        RejectionCode.INVALID_TRANSPORT,
        'data.transport.distanceKm',
      ],
      [
        'an unknown mode',
        () => raw('device.collected', (e) => (e.data.transport = { distanceKm: 3, mode: 'bike' })),
        RejectionCode.INVALID_TRANSPORT,
        'data.transport.mode',
      ],
      [
        'a missing mode',
        () => raw('device.collected', (e) => (e.data.transport = { distanceKm: 3 })),
        RejectionCode.INVALID_TRANSPORT,
        'data.transport.mode',
      ],
      [
        'an unknown diagnosis outcome',
        () => raw('device.diagnosed', (e) => (e.data.outcome = 'broken')),
        RejectionCode.INVALID_FIELD,
        'data.outcome',
      ],
      [
        'no workshopId',
        () => raw('device.diagnosed', (e) => delete e.data.workshopId),
        RejectionCode.MISSING_FIELD,
        'data.workshopId',
      ],
      [
        'an unknown part',
        () => raw('device.repaired', (e) => (e.data.partsReplaced = ['screen', 'motherboard'])),
        RejectionCode.UNKNOWN_PART,
        'data.partsReplaced',
      ],
      [
        'a capitalised part',
        () => raw('device.repaired', (e) => (e.data.partsReplaced = ['Battery'])),
        RejectionCode.UNKNOWN_PART,
        'data.partsReplaced',
      ],
      [
        'a numeric part',
        () => raw('device.repaired', (e) => (e.data.partsReplaced = [3])),
        RejectionCode.UNKNOWN_PART,
        'data.partsReplaced',
      ],
      [
        'no parts',
        () => raw('device.repaired', (e) => (e.data.partsReplaced = [])),
        RejectionCode.INVALID_FIELD,
        'data.partsReplaced',
      ],
      [
        'parts as a string',
        () => raw('device.repaired', (e) => (e.data.partsReplaced = 'screen')),
        RejectionCode.INVALID_FIELD,
        'data.partsReplaced',
      ],
      [
        '33 parts',
        () => raw('device.repaired', (e) => (e.data.partsReplaced = Array<string>(33).fill('other'))),
        RejectionCode.INVALID_FIELD,
        'data.partsReplaced',
      ],
      [
        'missing parts',
        () => raw('device.repaired', (e) => delete e.data.partsReplaced),
        RejectionCode.MISSING_FIELD,
        'data.partsReplaced',
      ],
      [
        'grade D',
        () => raw('device.refurbished', (e) => (e.data.grade = 'D')),
        RejectionCode.INVALID_FIELD,
        'data.grade',
      ],
      [
        'no erasure certificate',
        () => raw('device.refurbished', (e) => delete e.data.erasureCertificateId),
        RejectionCode.MISSING_FIELD,
        'data.erasureCertificateId',
      ],
      [
        'a blank erasure certificate',
        () => raw('device.refurbished', (e) => (e.data.erasureCertificateId = '')),
        RejectionCode.INVALID_STRING,
        'data.erasureCertificateId',
      ],
      [
        'no recyclerId',
        () => raw('device.recycled', (e) => (e.data.recyclerId = null)),
        RejectionCode.MISSING_FIELD,
        'data.recyclerId',
      ],
      [
        'country UK',
        () => raw('device.resold', (e) => (e.data.country = 'UK')),
        RejectionCode.INVALID_COUNTRY,
        'data.country',
      ],
      [
        'an alpha-3 country',
        () => raw('device.resold', (e) => (e.data.country = 'FRA')),
        RejectionCode.INVALID_COUNTRY,
        'data.country',
      ],
      [
        'a numeric country',
        () => raw('device.resold', (e) => (e.data.country = 250)),
        RejectionCode.INVALID_COUNTRY,
        'data.country',
      ],
      [
        'no country',
        () => raw('device.resold', (e) => delete e.data.country),
        RejectionCode.MISSING_FIELD,
        'data.country',
      ],
      [
        'a blank orderId',
        () => raw('device.resold', (e) => (e.data.orderId = '\n')),
        RejectionCode.INVALID_STRING,
        'data.orderId',
      ],
      [
        'a 1001-character reason',
        () => raw('device.returned', (e) => (e.data.reason = 'r'.repeat(1001))),
        RejectionCode.INVALID_STRING,
        'data.reason',
      ],
      [
        'a reason with a bidi override',
        () => raw('device.returned', (e) => (e.data.reason = 'ok \u202eko')),
        RejectionCode.INVALID_STRING,
        'data.reason',
      ],
    ];

    it.each(cases)('rejects %s', (_label, input, code, field) => {
      const result = rejection(input());
      expect(result.code).toBe(code);
      expect(result.field).toBe(field);
      expect(result.message.length).toBeGreaterThan(0);
    });

    it('names the offending path in the message', () => {
      expect(
        rejection(raw('device.collected', (e) => (e.data.transport = { distanceKm: 3, mode: 'bike' }))),
      ).toEqual({
        code: RejectionCode.INVALID_TRANSPORT,
        message: 'data.transport.mode must be one of road, rail, sea, air',
        field: 'data.transport.mode',
      });
      expect(
        rejection(raw('device.repaired', (e) => (e.data.partsReplaced = ['screen', 'motherboard']))),
      ).toEqual({
        code: RejectionCode.UNKNOWN_PART,
        message: 'data.partsReplaced item 1 ("motherboard") is not a known part name',
        field: 'data.partsReplaced',
      });
    });
  });

  describe('the first failing rule decides, in the documented order', () => {
    type Change = (event: RawEvent) => void;
    const cases: [string, Change, RejectionCode][] = [
      [
        'specversion before id',
        (e) => {
          e.specversion = '2.0';
          e.id = '';
        },
        RejectionCode.UNSUPPORTED_SPECVERSION,
      ],
      [
        'id before source',
        (e) => {
          e.id = '';
          delete e.source;
        },
        RejectionCode.INVALID_ID,
      ],
      [
        'envelope before type',
        (e) => {
          e.datacontenttype = 'text/csv';
          e.type = 'x';
        },
        RejectionCode.UNSUPPORTED_CONTENT_TYPE,
      ],
      [
        'type before time',
        (e) => {
          e.type = 'device.sold';
          e.time = 'yesterday';
        },
        RejectionCode.UNKNOWN_TYPE,
      ],
      [
        'time format before data',
        (e) => {
          e.time = 'yesterday';
          e.data.deviceId = 'x';
        },
        RejectionCode.INVALID_TIME,
      ],
      [
        'time bounds before data',
        (e) => {
          e.time = '2030-01-01T00:00:00Z';
          delete (e as Record<string, unknown>).data;
        },
        RejectionCode.TIME_IN_FUTURE,
      ],
      [
        'deviceId before other data',
        (e) => {
          e.data.deviceId = 'imei:1';
          e.data.country = 'ZZ';
        },
        RejectionCode.INVALID_IMEI,
      ],
      [
        'data in declaration order',
        (e) => {
          e.data.orderId = '';
          e.data.country = 'ZZ';
        },
        RejectionCode.INVALID_STRING,
      ],
      [
        'data before subject',
        (e) => {
          e.subject = 'imei:490154203237518';
          e.data.country = 'ZZ';
        },
        RejectionCode.INVALID_COUNTRY,
      ],
    ];

    it.each(cases)('%s', (_label, change, code) => {
      expect(rejection(raw('device.resold', change)).code).toBe(code);
    });

    it('checks the category before the transport leg', () => {
      const input = raw('device.collected', (e) => {
        e.data.category = 'phablet';
        e.data.transport = { distanceKm: -5, mode: 'road' };
      });
      expect(rejection(input).code).toBe(RejectionCode.UNKNOWN_CATEGORY);
    });
  });

  describe('determinism', () => {
    it('gives deep-equal plain outputs for two deliveries of one event', () => {
      for (const type of DEVICE_EVENT_TYPES) {
        const first = accepted(raw(type));
        const second = accepted(raw(type));
        expect(second).toStrictEqual(first);
        expect(canonicalJson(second)).toBe(canonicalJson(first));
      }
    });

    it('returns plain objects, never class instances', () => {
      const event = accepted(raw('device.collected'));
      const isPlain = (value: unknown) => Object.getPrototypeOf(value) === Object.prototype;
      expect(isPlain(event)).toBe(true);
      expect(isPlain(event.data)).toBe(true);
      expect(event.type === 'device.collected' && isPlain(event.data.transport)).toBe(true);
      expect(JSON.parse(JSON.stringify(event))).toStrictEqual(event);
    });

    it('treats cosmetic differences as the same event', () => {
      const tidy = accepted(raw('device.repaired'));
      const untidy = accepted(
        raw('device.repaired', (e) => {
          e.time = '2025-05-30T08:02:31.250000Z';
          e.subject = '35 332509 123456 1';
          e.data.deviceId = 'IMEI:35-332509-123456-1';
          e.data.workshopId = ' WS-LYON-01 ';
          e.data.partsReplaced = ['battery', 'screen'];
          e.data.note = 'extra';
          e.comexampleextension1 = 'value';
        }),
      );
      const reordered = accepted(Object.fromEntries(Object.entries(raw('device.repaired')).reverse()));
      expect(untidy).toStrictEqual(tidy);
      expect(canonicalJson(reordered)).toBe(canonicalJson(tidy));
    });

    it('distinguishes a reused id with a different payload', () => {
      const original = accepted(raw('device.resold'));
      const reused = accepted(raw('device.resold', (e) => (e.data.country = 'BE')));
      expect(reused.id).toBe(original.id);
      expect(canonicalJson(reused)).not.toBe(canonicalJson(original));
    });

    it('neither mutates the input nor shares references with it', () => {
      const input = raw('device.collected');
      const snapshot = structuredClone(input);
      const event = accepted(input);
      expect(input).toStrictEqual(snapshot);
      (input.data.transport as Record<string, unknown>).distanceKm = 9999;
      expect(event.type === 'device.collected' && event.data.transport?.distanceKm).toBe(12);
    });
  });

  describe('hostile input', () => {
    it('ignores __proto__ and constructor members without polluting prototypes', () => {
      const text = JSON.stringify(raw('device.resold')).replace(
        '"data":{',
        '"data":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
      );
      const event = accepted(JSON.parse(text));
      expect(event.data).toStrictEqual({
        deviceId: IMEI,
        orderId: 'BM-2025-88412',
        channel: 'back-market',
        country: 'FR',
      });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('rejects, rather than crashes on, nested values with a constructor member', () => {
      const input = raw('device.collected', (e) => {
        e.data.brand = JSON.parse('{"constructor": 1}');
        e.data.transport = JSON.parse('{"constructor": {"name": "x"}, "distanceKm": 1, "mode": "sea"}');
      });
      expect(rejection(input).code).toBe(RejectionCode.INVALID_FIELD);
      const onlyTransport = raw('device.collected', (e) => {
        e.data.transport = JSON.parse('{"constructor": {"name": "x"}, "distanceKm": 1, "mode": "sea"}');
      });
      expect(accepted(onlyTransport).data).toMatchObject({ transport: { distanceKm: 1, mode: 'sea' } });
    });

    it('rejects deeply nested junk without overflowing the stack', () => {
      let deep: unknown = 'bottom';
      for (let i = 0; i < 100_000; i++) deep = [deep];
      expect(rejection(raw('device.repaired', (e) => (e.data.partsReplaced = deep))).code).toBe(
        RejectionCode.UNKNOWN_PART,
      );
      expect(
        rejection(raw('device.collected', (e) => (e.data.transport = { distanceKm: deep, mode: 'road' })))
          .code,
      ).toBe(RejectionCode.INVALID_TRANSPORT);
    });

    it('rejects non-plain objects in data fields', () => {
      expect(rejection(raw('device.collected', (e) => (e.data.siteId = new Date()))).code).toBe(
        RejectionCode.INVALID_FIELD,
      );
      expect(rejection(raw('device.resold', (e) => (e.time = new Date()))).code).toBe(
        RejectionCode.INVALID_TIME,
      );
      expect(rejection(new Map([['specversion', '1.0']])).code).toBe(RejectionCode.NOT_AN_OBJECT);
    });
  });
});
