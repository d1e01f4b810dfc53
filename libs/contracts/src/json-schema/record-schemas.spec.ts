import Ajv2020 from 'ajv/dist/2020';
import {
  BatchSnapshot,
  batchTransitionRecord,
  parseBatchTransitionRecord,
} from '../messages/batch-transition-record';
import { CycleCreditData, cycleCreditRecord, parseCycleCreditRecord } from '../messages/cycle-credit-record';
import { MessageRead } from '../messages/message-read';
import { batchTransitionRecordSchema } from './batch-transition-record-schema';
import { cycleCreditRecordSchema } from './cycle-credit-record-schema';
import { JsonSchema } from './json-schema';
import { CLOSED_BATCH_SNAPSHOT } from '../testing/batch-snapshots.fixture';

type Json = Record<string, unknown>;

const deviceId = 'imei:353325091234561';
const cycleId = `${deviceId}/collected-1`;
const credit: CycleCreditData = {
  changeId: `${cycleId}/credit/1`,
  kind: 'credit',
  cycleId,
  deviceId,
  sequence: 1,
  fingerprint: 'a'.repeat(64),
  evidence: {
    deviceId,
    cycleId,
    category: 'smartphone',
    collectionEventId: 'collected-1',
    refurbishmentEventId: 'refurbished-1',
    workshopId: 'WS-LYON',
    erasureCertificateId: 'CERT-1',
    creditedResaleEventId: 'resold-1',
    orderId: 'BM-1',
    country: 'FR',
    vintage: 2025,
    evidenceEvents: [{ eventId: 'collected-1', type: 'device.collected', time: '2025-05-01T10:00:00.000Z' }],
    partsReplaced: [{ eventId: 'repaired-1', part: 'battery' }],
    legs: [{ eventId: 'collected-1', distanceKm: 120, mode: 'road' }],
  },
  emissions: {
    methodology: 'RL-REFURB-1',
    factorSetVersion: '2025-defaults',
    baselineG: 50_000,
    newDeviceG: 60_000,
    refurbishedShareBp: 2_000,
    eolG: 1_000,
    lightRefurbishmentG: 2_000,
    partsG: 3_000,
    transportG: 500,
    projectG: 5_500,
    avoidedG: 44_500,
  },
  signedAvoidedG: 44_500,
};
const reversal: CycleCreditData = {
  ...credit,
  changeId: `${cycleId}/reversal/2`,
  kind: 'reversal',
  sequence: 2,
  reversesChangeId: credit.changeId,
  signedAvoidedG: -44_500,
};

const closed: BatchSnapshot = CLOSED_BATCH_SNAPSHOT;
const issued: BatchSnapshot = {
  ...closed,
  state: 'issued',
  verification: { verifiedAt: '2026-02-10T00:00:00.000Z', verifierName: 'Audit Co', reportReference: 'R-1' },
  issuance: { issuedAt: '2026-03-01T00:00:00.000Z', registryReference: 'REG-9' },
};

/** `record` with the member at `path` set to `value` (undefined removes it). */
function changed(record: object, path: string, value: unknown): Json {
  const copy = structuredClone(record) as Json;
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce((node, key) => node[key] as Json, copy);
  if (value === undefined) delete parent[keys[keys.length - 1]];
  else parent[keys[keys.length - 1]] = value;
  return copy;
}

function agreement(schema: JsonSchema, parse: (record: unknown) => MessageRead<unknown>) {
  const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(schema);
  return (record: unknown) => ({
    schema: validate(record) ? 'valid' : JSON.stringify(validate.errors),
    parser: parse(record).ok,
  });
}

describe('the JSON Schemas of the services records agree with their parsers', () => {
  describe('CycleCreditRecord', () => {
    const check = agreement(cycleCreditRecordSchema(), parseCycleCreditRecord);
    const record = cycleCreditRecord(credit, new Date('2025-06-01T00:00:00Z'));

    it.each([
      ['a credit', record],
      ['a reversal', cycleCreditRecord(reversal, new Date('2025-06-02T00:00:00Z'))],
      ['a record without datacontenttype', changed(record, 'datacontenttype', undefined)],
      ['a record with unknown members', changed(record, 'data.extra', 1)],
    ])('accepts %s', (_name, valid) => {
      expect(check(valid)).toEqual({ schema: 'valid', parser: true });
    });

    it.each([
      ['another source', 'source', 'refurb-ledger/issuance'],
      ['an unknown type', 'type', 'cycle.other'],
      ['a padded id', 'id', ' x'],
      ['a time that is not RFC 3339', 'time', '2025-06-01'],
      ['a non-canonical device id', 'data.deviceId', 'IMEI:353325091234561'],
      ['a sequence of 0', 'data.sequence', 0],
      ['a credit naming the change it reverses', 'data.reversesChangeId', 'x'],
      ['fractional grams', 'data.emissions.avoidedG', 1.5],
      ['negative grams', 'data.emissions.partsG', -1],
      ['a lower-case country', 'data.evidence.country', 'fr'],
      ['an unknown part', 'data.evidence.partsReplaced', [{ eventId: 'r', part: 'hinge' }]],
      ['a fractional leg', 'data.evidence.legs', [{ eventId: 'c', distanceKm: 1.5, mode: 'road' }]],
      ['a factor set with a slash', 'data.emissions.factorSetVersion', 'a/b'],
      ['no evidence', 'data.evidence', undefined],
    ])('refuses %s', (_name, path, value) => {
      expect(check(changed(record, path, value))).toEqual({ schema: expect.any(String), parser: false });
    });

    it('refuses a reversal without the credit it reverses', () => {
      const bare = changed(cycleCreditRecord(reversal, new Date()), 'data.reversesChangeId', undefined);
      expect(check(bare)).toEqual({ schema: expect.any(String), parser: false });
    });
  });

  describe('BatchTransitionRecord', () => {
    const check = agreement(batchTransitionRecordSchema(), parseBatchTransitionRecord);
    const record = batchTransitionRecord(closed);

    it.each([
      ['a close', record],
      ['an issuance', batchTransitionRecord(issued)],
      ['a close without whole credits', changed(record, 'data.serials', null)],
    ])('accepts %s', (_name, valid) => {
      expect(check(valid)).toEqual({ schema: 'valid', parser: true });
    });

    it.each([
      ['an open batch', 'data.state', 'open'],
      ['fractional credits', 'data.totals.credits', 1.5],
      ['a discount above 100 %', 'data.totals.discountBp', 10_001],
      ['a vintage before 2000', 'data.vintage', 1999],
      [
        'a blank verifier',
        'data.verification',
        { verifiedAt: '2026-02-10T00:00:00Z', verifierName: ' ', reportReference: 'R' },
      ],
      ['no totals member of the right type', 'data.totals', 'none'],
      ['another source', 'source', 'refurb-ledger/tracker'],
    ])('refuses %s', (_name, path, value) => {
      expect(check(changed(record, path, value))).toEqual({ schema: expect.any(String), parser: false });
    });
  });
});
