import { RecordSigner, RecordVerifier, SIGNATURE_ATTRIBUTES } from '@refurb/contracts';
import { creditRecord, imeiOf } from '@refurb/issuance/testing/credit-records.fixture';
import { ConsumedMessage } from '@refurb/kafka';
import { generateKeyPairSync } from 'node:crypto';
import { admitCreditRecords } from './record-admission';

function message(value: unknown, offset: number): ConsumedMessage {
  return {
    topic: 'devices.credited.v1',
    partition: 0,
    offset: String(offset),
    key: null,
    value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    headers: {},
    timestamp: '0',
  };
}

describe('admitCreditRecords', () => {
  const trackerKeys = generateKeyPairSync('ed25519');
  const tracker = new RecordSigner(trackerKeys.privateKey);
  const verifier = new RecordVerifier([trackerKeys.publicKey]);
  const record = creditRecord({ deviceId: imeiOf(4, 1), category: 'laptop', workshopId: 'w', vintage: 2025 });

  it('admits a record once, counting exact repeats, whatever their decision time', () => {
    const later = { ...record, time: '2026-02-01T00:00:00.000Z' };
    const admission = admitCreditRecords(
      [message(tracker.sign(record), 1), message(tracker.sign(later), 2)],
      verifier,
    );
    expect(admission.admitted.map((a) => a.record.id)).toEqual([record.id]);
    expect(admission.repeats).toBe(1);
    expect(admission.refused).toEqual([]);
  });

  it('refuses undecodable messages and reused change ids, with their codes', () => {
    const changed = { ...record, data: { ...record.data, sequence: 2 } };
    const admission = admitCreditRecords(
      [
        message(null, 1),
        message('{not json', 2),
        message(tracker.sign(record), 3),
        message(tracker.sign(changed), 4),
      ],
      verifier,
    );
    expect(admission.refused.map((r) => [r.message.offset, r.problem.code])).toEqual([
      ['1', 'ISSUANCE.INVALID_CREDIT_RECORD'],
      ['2', 'ISSUANCE.INVALID_CREDIT_RECORD'],
      ['4', 'ISSUANCE.CHANGE_ID_REUSED'],
    ]);
    expect(admission.refused[1].problem.message).toContain('EVENT.MALFORMED_JSON');
  });

  it('believes nothing a record says unless the tracker signed it, each failure with its own code', () => {
    const stranger = new RecordSigner(generateKeyPairSync('ed25519').privateKey);
    const signed = tracker.sign(record);
    const inflated = { ...signed, data: { ...signed.data, signedAvoidedG: 50_000_000_000 } };
    const admission = admitCreditRecords(
      [
        message(record, 1),
        message(stranger.sign(record), 2),
        message(inflated, 3),
        message({ ...stranger.sign(record), [SIGNATURE_ATTRIBUTES.keyId]: tracker.keyId }, 4),
        message({ ...signed, [SIGNATURE_ATTRIBUTES.signature]: 'not-a-signature' }, 5),
      ],
      verifier,
    );
    expect(admission.admitted).toEqual([]);
    expect(admission.refused.map((r) => [r.message.offset, r.problem.code, r.problem.field])).toEqual([
      ['1', 'ISSUANCE.UNSIGNED_CREDIT_RECORD', 'signature'],
      ['2', 'ISSUANCE.UNKNOWN_SIGNING_KEY', 'signature'],
      ['3', 'ISSUANCE.BAD_SIGNATURE', 'signature'],
      ['4', 'ISSUANCE.BAD_SIGNATURE', 'signature'],
      ['5', 'ISSUANCE.BAD_SIGNATURE', 'signature'],
    ]);
  });
});
