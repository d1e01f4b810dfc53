import { CreditEvidence } from './credit-evidence';
import { creditFingerprint } from './credit-fingerprint';
import { deriveDeviceCycles } from './derive-device-cycles';
import { collected, diagnosed, on, refurbished, repaired, resold } from './testing/device-event-factory';

const base = [collected('c', on(1)), refurbished('r', on(2)), resold('s', on(3), 'o1')];

function fingerprintOf(events: Parameters<typeof deriveDeviceCycles>[0]): string {
  const credit = deriveDeviceCycles(events).cycles[0].credit;
  if (credit === null) throw new Error('scenario should be eligible');
  return creditFingerprint(credit);
}

describe('creditFingerprint', () => {
  it('is a sha256 digest that does not depend on property order', () => {
    const credit = deriveDeviceCycles(base).cycles[0].credit as CreditEvidence;
    const reordered = Object.fromEntries(Object.entries(credit).reverse()) as unknown as CreditEvidence;

    expect(creditFingerprint(credit)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(creditFingerprint(reordered)).toBe(creditFingerprint(credit));
  });

  it('changes with the figure and the attribution', () => {
    const original = fingerprintOf(base);

    expect(fingerprintOf([...base, repaired('p', on(2))])).not.toBe(original);
    expect(
      fingerprintOf([...base, diagnosed('d', on(2), { transport: { distanceKm: 3, mode: 'road' } })]),
    ).not.toBe(original);
    expect(fingerprintOf([base[0], base[1], resold('s', on(3), 'o1', 'BE')])).not.toBe(original);
  });

  it('ignores events that neither change the figure nor its attribution', () => {
    expect(fingerprintOf([...base, diagnosed('d', on(2))])).toBe(fingerprintOf(base));
  });
});
