import { MAX_EVENT_BYTES, RejectionCode } from '../..';
import { set } from './case-builders';
import { CaseSpec, Template } from './corpus-case';

/** Envelope and transport faults: what a door sees before it can read an event. */
export function framingCases(event: Template): CaseSpec[] {
  const text = JSON.stringify(event());
  return [
    {
      name: 'malformed JSON (truncated)',
      expectedCode: RejectionCode.MALFORMED_JSON,
      body: { raw: text.slice(0, 40) },
    },
    {
      name: 'JSON followed by garbage',
      expectedCode: RejectionCode.MALFORMED_JSON,
      body: { raw: `${text} trailing` },
    },
    {
      name: 'body not valid UTF-8',
      expectedCode: RejectionCode.MALFORMED_JSON,
      body: {
        raw: Buffer.concat([
          Buffer.from(text.slice(0, 30)),
          Buffer.from([0xff, 0xfe, 0xc3]),
          Buffer.from(text.slice(30)),
        ]),
      },
    },
    {
      name: 'raw NUL byte inside a JSON string',
      expectedCode: RejectionCode.MALFORMED_JSON,
      body: { raw: text.replace('"source":"', '"source":"\u0000') },
    },
    { name: 'empty body', expectedCode: RejectionCode.EMPTY_MESSAGE, body: { raw: '' } },
    {
      name: 'JSON array instead of an object',
      expectedCode: RejectionCode.NOT_AN_OBJECT,
      body: { json: [event()] },
    },
    {
      name: 'JSON string instead of an object',
      expectedCode: RejectionCode.NOT_AN_OBJECT,
      body: { json: 'device.collected' },
    },
    { name: 'JSON null', expectedCode: RejectionCode.NOT_AN_OBJECT, body: { json: null } },
    {
      name: `payload over MAX_EVENT_BYTES (${MAX_EVENT_BYTES})`,
      expectedCode: RejectionCode.PAYLOAD_TOO_LARGE,
      change: set('data.model', 'x'.repeat(MAX_EVENT_BYTES)),
    },
    {
      name: 'tombstone (no value)',
      expectedCode: RejectionCode.EMPTY_MESSAGE,
      body: { tombstone: true },
      doors: ['kafka'],
      kafkaHeaders: {},
    },
    {
      name: 'content-type application/json without ce_* headers',
      expectedCode: RejectionCode.UNSUPPORTED_CONTENT_TYPE,
      doors: ['kafka'],
      kafkaHeaders: { 'content-type': 'application/json' },
    },
    {
      name: 'CloudEvents batch format',
      expectedCode: RejectionCode.UNSUPPORTED_CONTENT_TYPE,
      doors: ['kafka'],
      kafkaHeaders: { 'content-type': 'application/cloudevents-batch+json' },
    },
    {
      name: 'binary mode with non-JSON data content type',
      expectedCode: RejectionCode.UNSUPPORTED_CONTENT_TYPE,
      body: { raw: 'deviceId=imei:353325091234561' },
      doors: ['kafka'],
      kafkaHeaders: { ce_specversion: '1.0', ce_id: 'x', 'content-type': 'text/plain' },
    },
    {
      name: 'binary mode with a repeated ce_id header',
      expectedCode: RejectionCode.INVALID_HEADER,
      body: { json: event().data },
      doors: ['kafka'],
      kafkaHeaders: { ce_specversion: '1.0', ce_id: ['a', 'b'], 'content-type': 'application/json' },
    },
  ];
}
