// Beside issuance, the consumer that relies on the parser, because its fixture computes figures with libs/emissions.
import { CycleCreditRecord, parseCycleCreditRecord } from '@refurb/contracts';
import { creditRecord, imeiOf, reversalOf } from './testing/credit-records.fixture';

const credit = creditRecord({
  deviceId: imeiOf(1, 1),
  category: 'smartphone',
  workshopId: 'ws-paris-01',
  vintage: 2025,
});

/** A deep copy with one member replaced (or removed with `undefined`) at a dotted path. */
function withMember(record: CycleCreditRecord, path: string, value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

function problemOf(envelope: unknown): { code: string; field?: string } | undefined {
  const parsed = parseCycleCreditRecord(envelope);
  return parsed.ok ? undefined : { code: parsed.problem.code, field: parsed.problem.field };
}

describe('parseCycleCreditRecord', () => {
  it('accepts a credit and a reversal as the tracker publishes them, unchanged', () => {
    const reversal = reversalOf(credit);
    for (const record of [credit, reversal]) {
      const parsed = parseCycleCreditRecord(JSON.parse(JSON.stringify(record)));
      expect(parsed).toEqual({ ok: true, message: record });
    }
  });

  it('drops members the contract does not declare', () => {
    const parsed = parseCycleCreditRecord({ ...withMember(credit, 'data.extra', 1), traceparent: 'x' });
    expect(parsed).toEqual({ ok: true, message: credit });
  });

  it.each<[string, string, unknown, string]>([
    ['a missing data', 'data', undefined, 'data'],
    ['an unknown type', 'type', 'cycle.other', 'type'],
    ['a type contradicting the kind', 'type', 'cycle.credit-reversed', 'type'],
    ['an id other than the change id', 'id', 'other', 'id'],
    ['a subject other than the cycle', 'subject', 'other', 'subject'],
    ['another source', 'source', 'someone-else', 'source'],
    ['a time that is not RFC 3339', 'time', 'yesterday', 'time'],
    ['a fractional figure', 'data.emissions.avoidedG', 1.5, 'data.emissions.avoidedG'],
    ['a negative component', 'data.emissions.partsG', -1, 'data.emissions.partsG'],
    ['a signed figure that is not the avoided one', 'data.signedAvoidedG', 1, 'data.signedAvoidedG'],
    ['an unknown category', 'data.evidence.category', 'fridge', 'data.evidence.category'],
    ['a vintage before 2000', 'data.evidence.vintage', 1999, 'data.evidence.vintage'],
    [
      'an unsafe factor-set version',
      'data.emissions.factorSetVersion',
      'v 1/2',
      'data.emissions.factorSetVersion',
    ],
    ['a blank workshop', 'data.evidence.workshopId', '  ', 'data.evidence.workshopId'],
    ['a non-canonical device id', 'data.deviceId', 'IMEI:1', 'data.deviceId'],
    ['a credit naming a reversed change', 'data.reversesChangeId', 'x', 'data.reversesChangeId'],
    [
      'a bad part',
      'data.evidence.partsReplaced',
      [{ eventId: 'e', part: 'antenna' }],
      'data.evidence.partsReplaced[0].part',
    ],
  ])('refuses %s with MESSAGE.INVALID_SHAPE at its path', (_label, path, value, field) => {
    expect(problemOf(withMember(credit, path, value))).toEqual({
      code: 'MESSAGE.INVALID_SHAPE',
      field,
    });
  });

  it('refuses a reversal that does not name the credit it reverses', () => {
    expect(problemOf(withMember(reversalOf(credit), 'data.reversesChangeId', undefined))).toEqual({
      code: 'MESSAGE.INVALID_SHAPE',
      field: 'data.reversesChangeId',
    });
  });

  it('refuses what is not an object at all', () => {
    for (const value of [null, [], 'text', 42]) {
      expect(problemOf(value)?.code).toBe('MESSAGE.INVALID_SHAPE');
    }
  });
});
