import { createHash } from 'node:crypto';
import { CreditEvidence } from './credit-evidence';
import { creditFingerprint } from './credit-fingerprint';
import { deriveDeviceCycles } from './derive-device-cycles';
import { collected, diagnosed, on, refurbished, repaired, resold } from './testing/device-event-factory';
import { randomDeviceHistory } from './testing/random-device-history';
import { SeededRandom } from './testing/seeded-random';

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

/**
 * The serialisation fingerprints were first computed with (keys sorted at every depth, then
 * JSON.stringify), kept here as the reference: credits already published carry fingerprints, and a
 * changed fingerprint would reverse and re-credit every cycle on the next replay.
 */
function firstCanonicalJson(value: unknown): string {
  const sortKeys = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(sortKeys);
    if (item === null || typeof item !== 'object') return item;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(item).sort()) {
      const child: unknown = (item as Record<string, unknown>)[key];
      if (child !== undefined) sorted[key] = sortKeys(child);
    }
    return sorted;
  };
  return JSON.stringify(sortKeys(value));
}

describe('creditFingerprint stays what it was', () => {
  it('for a known credit, to the digit', () => {
    const credit = deriveDeviceCycles([
      collected('c', on(1), { transport: { distanceKm: 450, mode: 'road' } }),
      repaired('p', on(2)),
      refurbished('r', on(2)),
      resold('s', on(3), 'o1'),
    ]).cycles[0].credit as CreditEvidence;
    expect(creditFingerprint(credit)).toBe(
      'sha256:189c71f9323d7a990a6c21a64f11cb28b1ce13307744f1ff5291ea6f5e951009',
    );
  });

  it('for every credit of 2,000 random device histories, as the first serialisation gives', () => {
    const random = new SeededRandom(2024);
    let credits = 0;
    for (let device = 0; device < 2000; device++) {
      const history = randomDeviceHistory(random, device);
      if (history.length === 0) continue;
      for (const cycle of deriveDeviceCycles(history).cycles) {
        if (cycle.credit === null) continue;
        credits += 1;
        const first = createHash('sha256').update(firstCanonicalJson(cycle.credit)).digest('hex');
        expect(creditFingerprint(cycle.credit)).toBe(`sha256:${first}`);
      }
    }
    expect(credits).toBeGreaterThan(100);
  });
});
