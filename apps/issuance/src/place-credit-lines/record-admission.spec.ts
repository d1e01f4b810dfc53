import { creditRecord, imeiOf } from '@refurb/issuance/testing/credit-records.fixture';
import { ConsumedMessage } from '@refurb/kafka';
import { admitCreditRecords } from './record-admission';

function message(value: string | null, offset: number): ConsumedMessage {
  return {
    topic: 'devices.credited.v1',
    partition: 0,
    offset: String(offset),
    key: null,
    value: value === null ? null : Buffer.from(value),
    headers: {},
    timestamp: '0',
  };
}

describe('admitCreditRecords', () => {
  const record = creditRecord({ deviceId: imeiOf(4, 1), category: 'laptop', workshopId: 'w', vintage: 2025 });

  it('admits a record once, counting exact repeats, whatever their decision time', () => {
    const later = { ...record, time: '2026-02-01T00:00:00.000Z' };
    const admission = admitCreditRecords([
      message(JSON.stringify(record), 1),
      message(JSON.stringify(later), 2),
    ]);
    expect(admission.admitted.map((a) => a.record.id)).toEqual([record.id]);
    expect(admission.repeats).toBe(1);
    expect(admission.refused).toEqual([]);
  });

  it('refuses undecodable messages and reused change ids, with their codes', () => {
    const changed = { ...record, data: { ...record.data, sequence: 2 } };
    const admission = admitCreditRecords([
      message(null, 1),
      message('{not json', 2),
      message(JSON.stringify(record), 3),
      message(JSON.stringify(changed), 4),
    ]);
    expect(admission.refused.map((r) => [r.message.offset, r.problem.code])).toEqual([
      ['1', 'ISSUANCE.INVALID_CREDIT_RECORD'],
      ['2', 'ISSUANCE.INVALID_CREDIT_RECORD'],
      ['4', 'ISSUANCE.CHANGE_ID_REUSED'],
    ]);
    expect(admission.refused[1].problem.message).toContain('EVENT.MALFORMED_JSON');
  });
});
