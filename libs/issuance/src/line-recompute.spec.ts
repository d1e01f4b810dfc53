import { lineDifferences } from './line-recompute';
import { creditRecord, imeiOf, reversalOf } from './testing/credit-records.fixture';

describe('lineDifferences', () => {
  const credit = creditRecord({ deviceId: imeiOf(3, 1), category: 'laptop', workshopId: 'w', vintage: 2025 });

  it('finds none when the stored line is what the evidence gives', () => {
    expect(lineDifferences(credit.data, credit.data.emissions)).toEqual([]);
    const reversal = reversalOf(credit).data;
    expect(lineDifferences(reversal, reversal.emissions)).toEqual([]);
  });

  it('names each component and the signed figure that differ', () => {
    const tampered = {
      ...credit.data,
      signedAvoidedG: 180_000,
      emissions: { ...credit.data.emissions, avoidedG: 180_000 },
    };
    expect(lineDifferences(tampered, credit.data.emissions)).toEqual([
      { changeId: credit.data.changeId, field: 'avoidedG', stored: 180_000, recomputed: 177_800 },
      { changeId: credit.data.changeId, field: 'signedAvoidedG', stored: 180_000, recomputed: 177_800 },
    ]);
  });

  it('expects a reversal to be negative', () => {
    const reversal = { ...reversalOf(credit).data, signedAvoidedG: 177_800 };
    expect(lineDifferences(reversal, credit.data.emissions)).toEqual([
      { changeId: reversal.changeId, field: 'signedAvoidedG', stored: 177_800, recomputed: -177_800 },
    ]);
  });
});
