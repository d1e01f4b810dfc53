import { AnyDeviceEvent, canonicalJson, DeviceEventType, RejectionCode } from '@refurb/contracts';
import { SeededRandom } from '@refurb/lifecycle/testing/seeded-random';
import { PartnerRole, ROLE_BY_EVENT_TYPE } from './partner-role';

type Json = Record<string, unknown>;

interface MalformedSpec {
  expectedCode: RejectionCode;
  /** Relative frequency among the reasons that apply to an event. */
  weight: number;
  appliesTo: (event: AnyDeviceEvent) => boolean;
  /** Breaks a deep copy of the event in exactly one way; returns the Kafka key the partner would use. */
  corrupt: (copy: Json, event: AnyDeviceEvent, random: SeededRandom) => string | void;
}

const any = () => true;
const ofType =
  (...types: DeviceEventType[]) =>
  (event: AnyDeviceEvent) =>
    types.includes(event.type);
const isImei = (event: AnyDeviceEvent) => event.subject.startsWith('imei:');

/** The field each type cannot do without (besides deviceId), for MISSING_FIELD. */
const REQUIRED_FIELD: Readonly<Record<DeviceEventType, string>> = {
  'device.collected': 'siteId',
  'device.diagnosed': 'workshopId',
  'device.repaired': 'partsReplaced',
  'device.refurbished': 'erasureCertificateId',
  'device.recycled': 'recyclerId',
  'device.resold': 'orderId',
  'device.returned': 'orderId',
};

/** Types partners' systems invent; none exists in the contract. */
const UNKNOWN_TYPE: Readonly<Record<PartnerRole, string>> = {
  collection: 'device.dropped-off',
  workshop: 'device.inspected',
  resale: 'device.sold',
};

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

function setDeviceId(copy: Json, deviceId: string): string {
  copy.subject = deviceId;
  (copy.data as Json).deviceId = deviceId;
  return deviceId;
}

/**
 * Ways partners get deliveries wrong, each refused by validation with one known code (the first rule
 * that fails decides, and each corruption breaks exactly one rule).
 */
const MALFORMED_SPECS = {
  /** The upload was cut off mid-body. */
  'bad-json': {
    expectedCode: RejectionCode.MALFORMED_JSON,
    weight: 2,
    appliesTo: any,
    corrupt: () => undefined,
  },
  /** A scanner misread one digit: the Luhn check fails. */
  'invalid-imei': {
    expectedCode: RejectionCode.INVALID_IMEI,
    weight: 3,
    appliesTo: isImei,
    corrupt: (copy, event) => {
      const digits = event.subject.slice('imei:'.length);
      const wrongCheck = (Number(digits[14]) + 1) % 10;
      return setDeviceId(copy, `imei:${digits.slice(0, 14)}${wrongCheck}`);
    },
  },
  /** A barcode scanner appended a suffix the serial cannot hold. */
  'invalid-serial': {
    expectedCode: RejectionCode.INVALID_DEVICE_ID,
    weight: 3,
    appliesTo: (event) => !isImei(event),
    corrupt: (copy, event) => setDeviceId(copy, `${event.subject}/1`),
  },
  'unknown-type': {
    expectedCode: RejectionCode.UNKNOWN_TYPE,
    weight: 1,
    appliesTo: any,
    corrupt: (copy, event) => void (copy.type = UNKNOWN_TYPE[ROLE_BY_EVENT_TYPE[event.type]]),
  },
  /** The year was mistyped ten years ahead. */
  'future-time': {
    expectedCode: RejectionCode.TIME_IN_FUTURE,
    weight: 1.5,
    appliesTo: any,
    corrupt: (copy, event) =>
      void (copy.time = new Date(Date.parse(event.time) + 10 * YEAR_MS).toISOString()),
  },
  /** A device whose clock was reset to the Unix epoch. */
  'epoch-time': {
    expectedCode: RejectionCode.TIME_TOO_OLD,
    weight: 1,
    appliesTo: any,
    corrupt: (copy, event) => void (copy.time = `1970-01-01T${event.time.slice(11)}`),
  },
  'missing-field': {
    expectedCode: RejectionCode.MISSING_FIELD,
    weight: 2,
    appliesTo: any,
    corrupt: (copy, event) => void delete (copy.data as Json)[REQUIRED_FIELD[event.type]],
  },
  'unknown-category': {
    expectedCode: RejectionCode.UNKNOWN_CATEGORY,
    weight: 1,
    appliesTo: ofType('device.collected'),
    corrupt: (copy) => void ((copy.data as Json).category = 'smartwatch'),
  },
  'unknown-part': {
    expectedCode: RejectionCode.UNKNOWN_PART,
    weight: 1,
    appliesTo: ofType('device.repaired'),
    corrupt: (copy) => void ((copy.data as Json).partsReplaced = ['battery', 'speaker']),
  },
  'invalid-transport': {
    expectedCode: RejectionCode.INVALID_TRANSPORT,
    weight: 1,
    appliesTo: ofType('device.collected', 'device.diagnosed', 'device.repaired', 'device.refurbished'),
    corrupt: (copy, _event, random) =>
      void ((copy.data as Json).transport = { distanceKm: random.int(5, 900), mode: 'truck' }),
  },
  /** "UK" is what people type; the ISO code is GB. */
  'invalid-country': {
    expectedCode: RejectionCode.INVALID_COUNTRY,
    weight: 1.5,
    appliesTo: ofType('device.resold'),
    corrupt: (copy) => void ((copy.data as Json).country = 'UK'),
  },
} satisfies Record<string, MalformedSpec>;

export type MalformedReason = keyof typeof MALFORMED_SPECS;
export const MALFORMED_REASONS = Object.keys(MALFORMED_SPECS) as MalformedReason[];

export interface MalformedPayload {
  reason: MalformedReason;
  expectedCode: RejectionCode;
  key: string;
  event?: Json;
  body: Buffer;
}

/** A broken delivery derived from `event`, with an id of its own so it can never pass for the original. */
export function malformedFrom(event: AnyDeviceEvent, random: SeededRandom): MalformedPayload {
  const reasons = MALFORMED_REASONS.filter((reason) => MALFORMED_SPECS[reason].appliesTo(event));
  const reason = random.weighted(reasons, (candidate) => MALFORMED_SPECS[candidate].weight);
  const spec: MalformedSpec = MALFORMED_SPECS[reason];
  const copy = JSON.parse(JSON.stringify(event)) as Json;
  copy.id = `${event.id}/resent`;
  const key = spec.corrupt(copy, event, random) ?? event.subject;
  const text = canonicalJson(copy);
  if (reason === 'bad-json') {
    const cut = random.int(Math.floor(text.length * 0.3), Math.floor(text.length * 0.9));
    return { reason, expectedCode: spec.expectedCode, key, body: Buffer.from(text.slice(0, cut), 'utf8') };
  }
  return { reason, expectedCode: spec.expectedCode, key, event: copy, body: Buffer.from(text, 'utf8') };
}
