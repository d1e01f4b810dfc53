import {
  decodeCloudEvent,
  decodeStructuredBody,
  encodeStructured,
  KafkaHeaders,
  MAX_EVENT_BYTES,
  STRUCTURED_HEADERS,
} from './cloud-event-codec';
import { FIXTURE_NOW, rawDeviceEvents } from './testing/raw-device-events.fixture';
import { RejectionCode } from './rejection';
import { validateDeviceEvent } from './validate-device-event';

const collected = rawDeviceEvents()['device.collected'];

function structured(
  event: unknown,
  headers: KafkaHeaders = STRUCTURED_HEADERS,
): { value: Buffer; headers: KafkaHeaders } {
  return { value: Buffer.from(JSON.stringify(event)), headers };
}

/** The same event in binary mode, as a Kafka-native partner would produce it. */
function binary(): { value: Buffer; headers: KafkaHeaders } {
  return {
    value: Buffer.from(JSON.stringify(collected.data)),
    headers: {
      ce_specversion: Buffer.from('1.0'),
      ce_id: Buffer.from(String(collected.id)),
      ce_source: Buffer.from(String(collected.source)),
      ce_type: 'device.collected',
      ce_subject: [Buffer.from(String(collected.subject))],
      ce_time: Buffer.from(String(collected.time)),
      ce_partitionkey: Buffer.from('imei:353325091234561'),
      'content-type': Buffer.from('application/json'),
      traceparent: Buffer.from([0xff, 0xfe, 0x00]),
    },
  };
}

function decodedEnvelope(message: Parameters<typeof decodeCloudEvent>[0]): Record<string, unknown> {
  const result = decodeCloudEvent(message);
  if (!result.ok) throw new Error(`expected to decode, got ${JSON.stringify(result.rejection)}`);
  return result.envelope;
}

function codeOf(message: Parameters<typeof decodeCloudEvent>[0], maxBytes?: number): string | undefined {
  const result = decodeCloudEvent(message, { maxBytes });
  return result.ok ? undefined : result.rejection.code;
}

describe('decodeCloudEvent', () => {
  describe('structured mode', () => {
    it('decodes application/cloudevents+json', () => {
      const result = decodeCloudEvent(structured(collected));
      expect(result).toEqual({ ok: true, mode: 'structured', envelope: collected });
    });

    it('decodes a message without content-type, headers or with a header-less kafkajs shape', () => {
      expect(decodedEnvelope(structured(collected, {}))).toEqual(collected);
      expect(decodedEnvelope({ value: Buffer.from(JSON.stringify(collected)) })).toEqual(collected);
      expect(decodedEnvelope(structured(collected, { 'content-type': undefined, 'x-trace': 'abc' }))).toEqual(
        collected,
      );
    });

    it('accepts a content type in any case, with a charset, and a UTF-8 byte order mark', () => {
      const message = {
        value: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(collected))]),
        headers: { 'Content-Type': 'Application/CloudEvents+JSON; charset=UTF-8' },
      };
      expect(decodedEnvelope(message)).toEqual(collected);
    });

    it('prefers structured mode when the content type says so, even with ce_ headers', () => {
      const result = decodeCloudEvent(structured(collected, { ...STRUCTURED_HEADERS, ce_id: 'ignored' }));
      expect(result.ok && result.mode).toBe('structured');
    });

    it.each([
      ['truncated JSON', Buffer.from('{"specversion":"1.0",')],
      ['not JSON at all', Buffer.from('specversion=1.0')],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d])],
    ])('rejects %s as MALFORMED_JSON', (_label, value) => {
      expect(codeOf({ value, headers: STRUCTURED_HEADERS })).toBe(RejectionCode.MALFORMED_JSON);
    });

    it.each([['[]'], ['"device.collected"'], ['42'], ['null']])(
      'rejects body %s as NOT_AN_OBJECT',
      (body) => {
        expect(codeOf({ value: Buffer.from(body), headers: {} })).toBe(RejectionCode.NOT_AN_OBJECT);
      },
    );

    it('rejects a tombstone or an empty body as EMPTY_MESSAGE', () => {
      expect(codeOf({ value: null, headers: {} })).toBe(RejectionCode.EMPTY_MESSAGE);
      expect(codeOf({ value: Buffer.alloc(0), headers: STRUCTURED_HEADERS })).toBe(
        RejectionCode.EMPTY_MESSAGE,
      );
    });

    it.each([
      ['a batch', 'application/cloudevents-batch+json'],
      ['Avro', 'application/cloudevents+avro'],
      ['UTF-16', 'application/cloudevents+json; charset=utf-16'],
      ['bare JSON without ce_ headers', 'application/json'],
      ['text', 'text/plain'],
    ])('rejects %s as UNSUPPORTED_CONTENT_TYPE', (_label, contentType) => {
      const result = decodeCloudEvent(structured(collected, { 'content-type': contentType }));
      expect(result).toMatchObject({
        ok: false,
        rejection: { code: RejectionCode.UNSUPPORTED_CONTENT_TYPE, field: 'content-type' },
      });
    });

    it('decodes an HTTP body given as a string', () => {
      expect(decodeStructuredBody(`\uFEFF${JSON.stringify(collected)}`)).toEqual({
        ok: true,
        mode: 'structured',
        envelope: collected,
      });
      expect(decodeStructuredBody('')).toMatchObject({
        ok: false,
        rejection: { code: RejectionCode.EMPTY_MESSAGE },
      });
    });
  });

  describe('binary mode', () => {
    it('reads attributes from ce_ headers and data from the body', () => {
      const result = decodeCloudEvent(binary());
      expect(result).toEqual({
        ok: true,
        mode: 'binary',
        envelope: {
          specversion: '1.0',
          id: collected.id,
          source: collected.source,
          type: 'device.collected',
          subject: collected.subject,
          time: collected.time,
          partitionkey: 'imei:353325091234561',
          datacontenttype: 'application/json',
          data: collected.data,
        },
      });
    });

    it('validates to exactly the event a structured delivery gives', () => {
      const fromBinary = validateDeviceEvent(decodedEnvelope(binary()), { now: FIXTURE_NOW });
      const fromStructured = validateDeviceEvent(decodedEnvelope(structured(collected)), {
        now: FIXTURE_NOW,
      });
      expect(fromBinary.ok).toBe(true);
      expect(fromBinary).toStrictEqual(fromStructured);
    });

    it('matches header names case-insensitively and accepts an absent content-type', () => {
      const message = binary();
      const headers: KafkaHeaders = {};
      for (const [name, value] of Object.entries(message.headers)) {
        if (name !== 'content-type') headers[name.toUpperCase()] = value;
      }
      const envelope = decodedEnvelope({ value: message.value, headers });
      expect(envelope.specversion).toBe('1.0');
      expect(envelope).not.toHaveProperty('datacontenttype');
    });

    it('never takes data from a header', () => {
      const message = binary();
      message.headers.ce_data = '{"deviceId":"imei:490154203237518"}';
      expect(decodedEnvelope(message).data).toEqual(collected.data);
    });

    it('leaves data absent when there is no body, for the validator to report', () => {
      const envelope = decodedEnvelope({ ...binary(), value: null });
      expect(envelope).not.toHaveProperty('data');
      expect(validateDeviceEvent(envelope, { now: FIXTURE_NOW })).toMatchObject({
        ok: false,
        rejection: { code: RejectionCode.MISSING_FIELD, field: 'data' },
      });
    });

    it('leaves a missing required attribute for the validator to report', () => {
      const message = binary();
      delete message.headers.ce_specversion;
      expect(validateDeviceEvent(decodedEnvelope(message), { now: FIXTURE_NOW })).toMatchObject({
        ok: false,
        rejection: { code: RejectionCode.MISSING_FIELD, field: 'specversion' },
      });
    });

    it('rejects a data body that is not JSON', () => {
      expect(codeOf({ ...binary(), value: Buffer.from('deviceId=imei:1') })).toBe(
        RejectionCode.MALFORMED_JSON,
      );
    });

    it('rejects a data content type that is not JSON', () => {
      const message = binary();
      message.headers['content-type'] = 'application/xml';
      expect(codeOf(message)).toBe(RejectionCode.UNSUPPORTED_CONTENT_TYPE);
    });

    it.each([
      ['a repeated header', { ce_id: ['a', 'b'] }],
      ['the same header in two cases', { ce_id: 'a', CE_ID: 'a' }],
      ['a header that is not UTF-8', { ce_source: Buffer.from([0xc3, 0x28]) }],
    ])('rejects %s as INVALID_HEADER', (_label, extra: KafkaHeaders) => {
      const message = binary();
      delete message.headers.ce_id;
      delete message.headers.ce_source;
      message.headers = { ...message.headers, ...extra };
      expect(codeOf(message)).toBe(RejectionCode.INVALID_HEADER);
    });
  });

  it('rejects a body over the size limit as PAYLOAD_TOO_LARGE', () => {
    const big = { ...collected, padding: 'x'.repeat(MAX_EVENT_BYTES) };
    expect(codeOf(structured(big))).toBe(RejectionCode.PAYLOAD_TOO_LARGE);
    expect(codeOf(structured(collected), 100)).toBe(RejectionCode.PAYLOAD_TOO_LARGE);
    expect(codeOf(structured(collected))).toBeUndefined();
  });
});

describe('encodeStructured', () => {
  it('round-trips a validated event through Kafka unchanged', () => {
    const first = validateDeviceEvent(collected, { now: FIXTURE_NOW });
    if (!first.ok) throw new Error('fixture must be valid');
    const message = { value: encodeStructured(first.event), headers: { ...STRUCTURED_HEADERS } };
    const second = validateDeviceEvent(decodedEnvelope(message), { now: FIXTURE_NOW });
    expect(second).toStrictEqual(first);
  });

  it('always encodes one event to the same bytes, whatever its key order', () => {
    const result = validateDeviceEvent(rawDeviceEvents()['device.resold'], { now: FIXTURE_NOW });
    if (!result.ok) throw new Error('fixture must be valid');
    const reordered = Object.fromEntries(Object.entries(result.event).reverse()) as typeof result.event;
    expect(encodeStructured(reordered).equals(encodeStructured(result.event))).toBe(true);
    expect(encodeStructured(result.event).toString('utf8')).toBe(
      '{"data":{"channel":"back-market","country":"FR","deviceId":"imei:353325091234561","orderId":"BM-2025-88412"},' +
        '"id":"bm-order-88412-line-1","source":"/channels/back-market","specversion":"1.0",' +
        '"subject":"imei:353325091234561","time":"2025-05-31T19:27:44.000Z","type":"device.resold"}',
    );
  });
});
