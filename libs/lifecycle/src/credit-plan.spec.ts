import { CreditEvidence } from './credit-evidence';
import { creditFingerprint } from './credit-fingerprint';
import { planCreditChanges } from './credit-plan';
import { deriveDeviceCycles } from './derive-device-cycles';
import { DEVICE_ID, collected, on, refurbished, repaired, resold } from './testing/device-event-factory';

const cycleId = `${DEVICE_ID}/c`;

function evidenceOf(...extra: Parameters<typeof deriveDeviceCycles>[0]): CreditEvidence {
  const credit = deriveDeviceCycles([
    collected('c', on(1)),
    refurbished('r', on(2)),
    resold('s', on(3), 'o1'),
    ...extra,
  ]).cycles[0].credit;
  if (credit === null) throw new Error('scenario should be eligible');
  return credit;
}

describe('planCreditChanges', () => {
  const evidence = evidenceOf();
  const published = { changeId: `${cycleId}/credit/1`, fingerprint: creditFingerprint(evidence) };

  it('publishes nothing for a cycle that was and stays uncredited', () => {
    expect(planCreditChanges({ cycleId, published: null, derived: null, sequence: 1 })).toEqual([]);
  });

  it('credits a newly eligible cycle', () => {
    expect(planCreditChanges({ cycleId, published: null, derived: evidence, sequence: 1 })).toEqual([
      {
        kind: 'credit',
        changeId: `${cycleId}/credit/1`,
        cycleId,
        fingerprint: published.fingerprint,
        evidence,
      },
    ]);
  });

  it('publishes nothing when the evidence is unchanged', () => {
    expect(planCreditChanges({ cycleId, published, derived: evidenceOf(), sequence: 2 })).toEqual([]);
  });

  it('reverses a credit whose cycle is no longer eligible', () => {
    expect(planCreditChanges({ cycleId, published, derived: null, sequence: 2 })).toEqual([
      {
        kind: 'reversal',
        changeId: `${cycleId}/reversal/2`,
        cycleId,
        reversesChangeId: `${cycleId}/credit/1`,
        reversesFingerprint: published.fingerprint,
      },
    ]);
  });

  it('reverses then re-credits when late evidence changes the figure', () => {
    const changed = evidenceOf(repaired('p', on(2, 12), { partsReplaced: ['screen'] }));

    const changes = planCreditChanges({ cycleId, published, derived: changed, sequence: 2 });

    expect(changes.map((c) => [c.kind, c.changeId])).toEqual([
      ['reversal', `${cycleId}/reversal/2`],
      ['credit', `${cycleId}/credit/2`],
    ]);
    expect(changes[1]).toMatchObject({ fingerprint: creditFingerprint(changed), evidence: changed });
  });

  it('reproduces the same changes when a step is replayed after a crash', () => {
    const input = { cycleId, published, derived: evidenceOf(repaired('p', on(2, 12))), sequence: 7 };

    expect(planCreditChanges(input)).toStrictEqual(planCreditChanges(structuredClone(input)));
  });

  it('rejects a sequence that is not a positive integer and evidence of another cycle', () => {
    expect(() => planCreditChanges({ cycleId, published: null, derived: evidence, sequence: 0 })).toThrow(
      RangeError,
    );
    expect(() => planCreditChanges({ cycleId, published: null, derived: evidence, sequence: 1.5 })).toThrow(
      RangeError,
    );
    expect(() =>
      planCreditChanges({ cycleId: `${DEVICE_ID}/other`, published: null, derived: evidence, sequence: 1 }),
    ).toThrow(/other/);
  });
});
