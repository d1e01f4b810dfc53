import { MAX_LEG_DISTANCE_KM, TransportLeg } from '@refurb/contracts';
import { EmissionsException } from './emissions.exception';
import { big, ceilDivNonNegative, toSafeNumber } from './exact-integer';
import { assertFactorValue, FactorSet } from './factor-set';

/** g/tkm * t * km = g, with the mass in grams: one tonne-km per 10^6 gram-km. */
const GRAM_KM_PER_TONNE_KM = 1_000_000n;

function invalidLeg(message: string): EmissionsException {
  return new EmissionsException('EMISSIONS.INVALID_TRANSPORT_LEG', message);
}

/**
 * Legs are rounded to whole km when events are normalised (docs/methodology.md#transport), so a fraction here
 * means an unnormalised input reached the formula: it is rejected rather than silently rounded again.
 */
export function assertValidLeg(leg: TransportLeg, factors: FactorSet): void {
  const { distanceKm, mode } = leg;
  if (!Number.isSafeInteger(distanceKm) || distanceKm < 0 || distanceKm > MAX_LEG_DISTANCE_KM) {
    throw invalidLeg(
      `distanceKm must be a whole number 0..${MAX_LEG_DISTANCE_KM}, got ${String(distanceKm)}`,
    );
  }
  if (!Object.hasOwn(factors.transportGPerTkm, mode)) {
    throw invalidLeg(`mode "${String(mode)}" is not in factor set ${factors.version}`);
  }
}

/**
 * transport_g = ceil(mass_g * distance_km * mode_g_per_tkm / 1_000_000). Rounded up so that every
 * leg of positive length counts for at least one gram: evidence of emissions never raises a credit.
 */
export function computeLegTransportG(massG: number, leg: TransportLeg, factors: FactorSet): number {
  assertValidLeg(leg, factors);
  assertFactorValue(massG, 'massG');
  const gPerTkm = factors.transportGPerTkm[leg.mode];
  assertFactorValue(gPerTkm, `transportGPerTkm.${leg.mode}`);
  const gramKmTimesFactor = big(massG) * big(leg.distanceKm) * big(gPerTkm);
  return toSafeNumber(ceilDivNonNegative(gramKmTimesFactor, GRAM_KM_PER_TONNE_KM), 'transport_g');
}
