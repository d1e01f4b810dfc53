import { RejectionCode } from '../..';
import { validImei } from '../valid-device-events';
import { remove, set } from './case-builders';
import { CaseSpec } from './corpus-case';

/** The CloudEvents attributes: specversion, id, source, type, time, data and subject. */
export function envelopeCases(now: Date): CaseSpec[] {
  const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
  return [
    { name: 'specversion missing', expectedCode: RejectionCode.MISSING_FIELD, change: remove('specversion') },
    {
      name: 'specversion 0.3',
      expectedCode: RejectionCode.UNSUPPORTED_SPECVERSION,
      change: set('specversion', '0.3'),
    },
    {
      name: 'specversion as a number',
      expectedCode: RejectionCode.UNSUPPORTED_SPECVERSION,
      change: set('specversion', 1.0),
    },
    { name: 'id missing', expectedCode: RejectionCode.MISSING_FIELD, change: remove('id') },
    { name: 'id as a number', expectedCode: RejectionCode.INVALID_ID, change: set('id', 42) },
    { name: 'id blank', expectedCode: RejectionCode.INVALID_ID, change: set('id', '   ') },
    {
      name: 'id with a control character',
      expectedCode: RejectionCode.INVALID_ID,
      change: (e) => (e.id = `${e.id}\u0007`),
    },
    {
      name: 'id with a right-to-left override',
      expectedCode: RejectionCode.INVALID_ID,
      change: (e) => (e.id = `\u202e${e.id}`),
    },
    {
      name: 'id over 256 characters',
      expectedCode: RejectionCode.INVALID_ID,
      change: (e) => (e.id = `${e.id}-${'i'.repeat(256)}`),
    },
    { name: 'source missing', expectedCode: RejectionCode.MISSING_FIELD, change: remove('source') },
    {
      name: 'source as an object',
      expectedCode: RejectionCode.INVALID_FIELD,
      change: set('source', { partner: 'rebox' }),
    },
    {
      name: 'type unknown',
      expectedCode: RejectionCode.UNKNOWN_TYPE,
      change: set('type', 'device.teleported'),
    },
    { name: 'type missing', expectedCode: RejectionCode.MISSING_FIELD, change: remove('type') },
    {
      name: 'time without offset',
      expectedCode: RejectionCode.INVALID_TIME,
      change: set('time', at(-60_000).slice(0, 19)),
    },
    {
      name: 'time with a space for T',
      expectedCode: RejectionCode.INVALID_TIME,
      change: set('time', at(-60_000).replace('T', ' ')),
    },
    {
      name: 'time on a day that does not exist',
      expectedCode: RejectionCode.INVALID_TIME,
      change: set('time', '2025-02-30T10:00:00Z'),
    },
    {
      name: 'time as epoch milliseconds',
      expectedCode: RejectionCode.INVALID_TIME,
      change: set('time', now.getTime()),
    },
    {
      name: 'time an hour in the future',
      expectedCode: RejectionCode.TIME_IN_FUTURE,
      change: set('time', at(3_600_000)),
    },
    {
      name: 'time before 2000',
      expectedCode: RejectionCode.TIME_TOO_OLD,
      change: set('time', '1999-12-31T23:59:59Z'),
    },
    {
      name: 'datacontenttype text/plain',
      expectedCode: RejectionCode.UNSUPPORTED_CONTENT_TYPE,
      change: set('datacontenttype', 'text/plain'),
    },
    {
      name: 'data_base64 instead of data',
      expectedCode: RejectionCode.UNSUPPORTED_CONTENT_TYPE,
      change: set('data_base64', 'e30='),
    },
    { name: 'data missing', expectedCode: RejectionCode.MISSING_FIELD, change: remove('data') },
    {
      name: 'data as a string',
      expectedCode: RejectionCode.INVALID_FIELD,
      change: set('data', '{"deviceId":"x"}'),
    },
    {
      name: 'subject names another device',
      expectedCode: RejectionCode.SUBJECT_MISMATCH,
      change: set('subject', validImei(999_999)),
    },
  ];
}
