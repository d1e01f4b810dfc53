import { RejectionCode } from '../..';
import { remove, set } from './case-builders';
import { Change, CaseSpec } from './corpus-case';

/** Device ids: IMEI length, check digit and characters, schemes, serials. */
export function deviceIdCases(): CaseSpec[] {
  const invalidImei = (deviceId: string): Change => set('data.deviceId', deviceId);
  return [
    {
      name: 'IMEI failing the Luhn check',
      expectedCode: RejectionCode.INVALID_IMEI,
      change: invalidImei('imei:353325091234562'),
    },
    {
      name: 'IMEI of 14 digits',
      expectedCode: RejectionCode.INVALID_IMEI,
      change: invalidImei('imei:35332509123456'),
    },
    {
      name: 'IMEI with a letter',
      expectedCode: RejectionCode.INVALID_IMEI,
      change: invalidImei('imei:35332509123456A'),
    },
    {
      name: 'all-zero placeholder IMEI',
      expectedCode: RejectionCode.INVALID_IMEI,
      change: invalidImei('000000000000000'),
    },
    {
      name: 'device id with an unknown scheme',
      expectedCode: RejectionCode.INVALID_DEVICE_ID,
      change: invalidImei('mac:00:1a:2b:3c:4d:5e'),
    },
    {
      name: 'device id as a number',
      expectedCode: RejectionCode.INVALID_DEVICE_ID,
      change: set('data.deviceId', 353325091234561),
    },
    {
      name: 'serial with forbidden characters',
      expectedCode: RejectionCode.INVALID_DEVICE_ID,
      change: invalidImei('serial:acme:SN/42*'),
    },
  ];
}

/** The members of each event type's data: types, enumerations, parts, transport, countries. */
export function dataCases(): CaseSpec[] {
  return [
    {
      name: 'unknown category',
      expectedCode: RejectionCode.UNKNOWN_CATEGORY,
      change: set('data.category', 'toaster'),
    },
    { name: 'siteId missing', expectedCode: RejectionCode.MISSING_FIELD, change: remove('data.siteId') },
    { name: 'siteId as a number', expectedCode: RejectionCode.INVALID_FIELD, change: set('data.siteId', 42) },
    {
      name: 'collection channel unknown',
      expectedCode: RejectionCode.INVALID_FIELD,
      change: set('data.channel', 'dumpster'),
    },
    {
      name: 'transport mode unknown',
      expectedCode: RejectionCode.INVALID_TRANSPORT,
      change: set('data.transport.mode', 'teleport'),
    },
    {
      name: 'transport distance negative',
      expectedCode: RejectionCode.INVALID_TRANSPORT,
      change: set('data.transport.distanceKm', -1),
    },
    {
      name: 'transport distance beyond 20000 km',
      expectedCode: RejectionCode.INVALID_TRANSPORT,
      change: set('data.transport.distanceKm', 20_001),
    },
    {
      name: 'transport as a string',
      expectedCode: RejectionCode.INVALID_TRANSPORT,
      change: set('data.transport', '450 km by road'),
    },
    {
      name: 'unknown part',
      type: 'device.repaired',
      expectedCode: RejectionCode.UNKNOWN_PART,
      change: set('data.partsReplaced', ['battery', 'flux-capacitor']),
    },
    {
      name: 'parts as a string',
      type: 'device.repaired',
      expectedCode: RejectionCode.INVALID_FIELD,
      change: set('data.partsReplaced', 'battery'),
    },
    {
      name: 'no part replaced',
      type: 'device.repaired',
      expectedCode: RejectionCode.INVALID_FIELD,
      change: set('data.partsReplaced', []),
    },
    {
      name: 'huge array of parts',
      type: 'device.repaired',
      expectedCode: RejectionCode.INVALID_FIELD,
      change: set(
        'data.partsReplaced',
        Array.from({ length: 5000 }, () => 'battery'),
      ),
    },
    {
      name: 'refurbishment grade A+',
      type: 'device.refurbished',
      expectedCode: RejectionCode.INVALID_FIELD,
      change: set('data.grade', 'A+'),
    },
    {
      name: 'erasure certificate missing',
      type: 'device.refurbished',
      expectedCode: RejectionCode.MISSING_FIELD,
      change: remove('data.erasureCertificateId'),
    },
    {
      name: 'erasure certificate blank',
      type: 'device.refurbished',
      expectedCode: RejectionCode.INVALID_STRING,
      change: set('data.erasureCertificateId', ' \t '),
    },
    {
      name: 'country not assigned (UK)',
      type: 'device.resold',
      expectedCode: RejectionCode.INVALID_COUNTRY,
      change: set('data.country', 'UK'),
    },
    {
      name: 'country as alpha-3',
      type: 'device.resold',
      expectedCode: RejectionCode.INVALID_COUNTRY,
      change: set('data.country', 'FRA'),
    },
    {
      name: 'outcome of diagnosis unknown',
      type: 'device.diagnosed',
      expectedCode: RejectionCode.INVALID_FIELD,
      change: set('data.outcome', 'maybe'),
    },
    {
      name: 'recyclerId missing',
      type: 'device.recycled',
      expectedCode: RejectionCode.MISSING_FIELD,
      change: remove('data.recyclerId'),
    },
    {
      name: 'orderId of a return as a number',
      type: 'device.returned',
      expectedCode: RejectionCode.INVALID_FIELD,
      change: set('data.orderId', 88412),
    },
  ];
}
