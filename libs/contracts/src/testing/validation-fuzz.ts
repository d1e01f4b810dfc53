import { MAX_LEG_DISTANCE_KM, PART_NAMES } from '../device-category';
import { DEVICE_EVENT_TYPES } from '../device-event';
import { TEXT_LIMITS } from '../clean-text';

/** A small seeded generator (mulberry32), so a fuzz set is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Junk {
  constructor(readonly value = 1) {}
}

const LIMITS = [...new Set(Object.values(TEXT_LIMITS))];
const boundaryStrings = LIMITS.flatMap((limit) => [
  'x'.repeat(limit),
  'x'.repeat(limit + 1),
  ` ${'y'.repeat(limit)}\n`,
  // Decomposed accents: longer than the limit before NFC, within it after.
  'e\u0301'.repeat(Math.floor(limit / 1.5)),
  '\u{1F642}'.repeat(limit),
]);

function deepObject(depth: number): unknown {
  return depth === 0 ? { leaf: true } : { nested: deepObject(depth - 1) };
}

function prototypePollution(): unknown {
  return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
}

/** Values of every JSON type and then some: what partners, bugs and attackers put in a field. */
function junkValues(): unknown[] {
  return [
    null,
    true,
    false,
    0,
    -0,
    -1,
    0.5,
    1.5,
    42,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    NaN,
    Infinity,
    -Infinity,
    MAX_LEG_DISTANCE_KM,
    MAX_LEG_DISTANCE_KM + 0.0001,
    '',
    ' ',
    '\t',
    '\r\n',
    'a',
    '0',
    '1.0',
    '1.0 ',
    '12',
    'road',
    'boat',
    'smartphone',
    'Smartphone',
    'refurbished',
    'A',
    'battery',
    'FR',
    'fr',
    ' de ',
    'XX',
    'UK',
    'EL',
    '=1+1',
    '+33 1 23',
    '-x',
    '@SUM(A1)',
    '  =cmd',
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/cloudevents+json',
    '2025-05-28T16:42:07+02:00',
    '2025-05-28T16:42:07Z',
    '2025-05-28T16:42:07',
    '2025-05-28',
    '1999-12-31T23:59:59Z',
    '2999-01-01T00:00:00Z',
    '2025-02-30T00:00:00Z',
    'imei:353325091234561',
    '35 332509 123456 1',
    '353325091234562',
    '35332509123456',
    '3533250912345610',
    '000000000000000',
    'IMEI: 35-332509-123456-1',
    'serial:apple:C02XK0AAJG5H',
    'serial:Apple Inc:C02X',
    'serial::x',
    'nonsense:123',
    '\u0000',
    'a\u0000b',
    '\u202Eevil',
    '\uD800',
    'a\u2028b',
    '\u00A0',
    'caf\u00E9',
    'cafe\u0301',
    '\uFF11\uFF12\uFF13',
    '\u{1F642}',
    '$value',
    '$property $target $constraint1',
    '$&$1$$',
    'device.collected',
    'device.unknown',
    'DEVICE.COLLECTED',
    ...boundaryStrings,
    [],
    [1],
    ['battery'],
    ['battery', 'battery'],
    ['Battery'],
    ['battery', 42],
    [null],
    [...PART_NAMES],
    Array.from({ length: 33 }, () => 'screen'),
    Array.from({ length: 32 }, () => 'screen'),
    [[['deep']]],
    [{ distanceKm: 1, mode: 'road' }],
    {},
    { distanceKm: 1, mode: 'road' },
    { distanceKm: '1', mode: 'road' },
    { distanceKm: -0.4, mode: 'rail' },
    { distanceKm: -1, mode: 'air' },
    { distanceKm: MAX_LEG_DISTANCE_KM + 1, mode: 'sea' },
    { distanceKm: 10, mode: 'boat' },
    { distanceKm: 10 },
    { mode: 'road' },
    { distanceKm: null, mode: null },
    { distanceKm: 10, mode: 'road', extra: { junk: [1, 2] } },
    { distanceKm: { valueOf: 1 }, mode: ['road'] },
    deepObject(3),
    deepObject(12),
    prototypePollution(),
    Object.create(null) as unknown,
    new Date(0),
    new Map([['a', 1]]),
    new Set(['battery']),
    new Junk(),
    { constructor: 'x' },
    { toString: 'not a function' },
    // Not JSON, but a caller of validateDto may pass anything: both paths must throw or answer alike.
    10n,
    [10n],
    Symbol('junk'),
    () => 'junk',
    undefined,
  ];
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)];
}

const ENVELOPE_KEYS = [
  'specversion',
  'id',
  'source',
  'type',
  'time',
  'subject',
  'datacontenttype',
  'data_base64',
  'data',
];
const DATA_KEYS = [
  'deviceId',
  'category',
  'brand',
  'model',
  'channel',
  'siteId',
  'retailer',
  'transport',
  'workshopId',
  'outcome',
  'grade',
  'partsReplaced',
  'erasureCertificateId',
  'recyclerId',
  'orderId',
  'country',
  'reason',
  'extra',
];
const TRANSPORT_KEYS = ['distanceKm', 'mode', 'extra'];

type Mutable = Record<string, unknown>;

function isRecord(value: unknown): value is Mutable {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object a mutation applies to, and the key it changes. */
function target(random: () => number, event: Mutable): [Mutable, string] {
  const where = random();
  const data = event.data;
  if (where < 0.35 || !isRecord(data)) return [event, pick(random, ENVELOPE_KEYS)];
  const transport = data.transport;
  if (where < 0.45 && isRecord(transport)) return [transport, pick(random, TRANSPORT_KEYS)];
  return [data, pick(random, Object.keys(data).length > 0 && random() < 0.6 ? Object.keys(data) : DATA_KEYS)];
}

function mutateOnce(
  random: () => number,
  event: Mutable,
  donors: readonly Mutable[],
  junk: readonly unknown[],
): void {
  const [object, key] = target(random, event);
  const kind = random();
  if (kind < 0.2) {
    delete object[key];
  } else if (kind < 0.3) {
    // A field's value moved or copied under another name, or another event's value in its place.
    const donor = pick(random, donors);
    const donorData = isRecord(donor.data) ? donor.data : donor;
    const from = pick(random, [...Object.keys(donor), ...Object.keys(donorData)]);
    object[key] = structuredCopy(from in donor ? donor[from] : donorData[from]);
  } else if (kind < 0.35) {
    object[key] = object[pick(random, Object.keys(object).length > 0 ? Object.keys(object) : [key])];
  } else if (kind < 0.4 && typeof object[key] === 'string') {
    const text = object[key];
    object[key] = pick(random, [
      ` ${text} `,
      text.toUpperCase(),
      `${text}\u0000`,
      `=${text}`,
      text.repeat(40),
      text.slice(1),
    ]);
  } else {
    object[key] = pick(random, junk);
  }
}

function structuredCopy(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

/**
 * `count` mutations of `valid` events (plain JSON objects): one to three changes each, dropping,
 * duplicating, re-typing and replacing envelope, data and transport members with junk of every kind.
 */
export function fuzzEvents(valid: readonly Mutable[], count: number, seed: number): unknown[] {
  const random = seededRandom(seed);
  const junk = junkValues();
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const event = structuredCopy(pick(random, valid)) as Mutable;
    if (random() < 0.05) event.type = pick(random, DEVICE_EVENT_TYPES);
    const changes = 1 + Math.floor(random() * 3);
    for (let c = 0; c < changes; c++) mutateOnce(random, event, valid, junk);
    out.push(event);
  }
  return out;
}
