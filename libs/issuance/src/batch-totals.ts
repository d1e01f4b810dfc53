import { CloseTotals } from '@refurb/contracts';
import { BatchException } from './batch.exception';

export const GRAMS_PER_CREDIT = 1_000_000;
export const DEFAULT_DISCOUNT_BP = 500;
const BASIS_POINTS = 10_000;

type CloseTotalsAmount =
  /** avoided_g of each line; a reversal is a negative line. */
  | { lineAvoidedG: readonly number[]; grossG?: never }
  /** Already summed, e.g. by SQL over the batch's lines. */
  | { grossG: number; lineAvoidedG?: never };

export type CloseTotalsInput = CloseTotalsAmount & {
  /** Uncertainty discount, 0..10000 bp. */
  discountBp: number;
  /** carried_out_g of the project's previously closed batch (one carry chain per project, in close order): 0 for the first, negative for a debt. */
  carriedInG: number;
};

// Bounds: a large refurbisher credits ~1e6 cycles a year at < 2.5e5 g each, so a batch's gross is
// ~1e11 g, far inside 2^53 (9e15). Sums and gross * bp are still taken in BigInt, because
// gross * 10000 leaves the exact range past ~9e11 g and an out-of-range figure must fail loudly
// (BATCH.INVALID_AMOUNT) rather than be rounded.

function assertSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new BatchException('BATCH.INVALID_AMOUNT', `${what} must be a safe integer, got ${String(value)}`);
  }
}

function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new BatchException('BATCH.INVALID_AMOUNT', `${what} = ${value} is not a safe integer`);
  }
  return Number(value);
}

function grossOf(input: CloseTotalsAmount): bigint {
  if (input.lineAvoidedG === undefined) {
    assertSafeInteger(input.grossG, 'grossG');
    return BigInt(input.grossG);
  }
  return input.lineAvoidedG.reduce((sum, line, index) => {
    assertSafeInteger(line, `lineAvoidedG[${index}]`);
    return sum + BigInt(line);
  }, 0n);
}

function assertDiscountBp(discountBp: number): void {
  if (!Number.isSafeInteger(discountBp) || discountBp < 0 || discountBp > BASIS_POINTS) {
    throw new BatchException(
      'BATCH.INVALID_DISCOUNT',
      `discountBp must be 0..${BASIS_POINTS}, got ${discountBp}`,
    );
  }
}

// A carry-over is always a previous carried_out_g: below one credit (else it would have been
// issued), and negative only as a debt. Anything at or above a credit is a caller bug, e.g. a
// gross or a net passed by mistake, which would otherwise mint credits twice.
function assertCarriedIn(carriedInG: number): void {
  if (!Number.isSafeInteger(carriedInG) || carriedInG >= GRAMS_PER_CREDIT) {
    throw new BatchException(
      'BATCH.INVALID_CARRIED_IN',
      `carriedInG must be a safe integer below ${GRAMS_PER_CREDIT}, got ${carriedInG}`,
    );
  }
}

/**
 * Closing arithmetic of docs/methodology.md#batch-close, exact in integer grams:
 *   gross_g       = sum(lines)
 *   discount_g    = ceil(max(gross_g, 0) * discount_bp / 10000)
 *   net_g         = gross_g - discount_g + carried_in_g
 *   credits       = max(floor(net_g / 1_000_000), 0)
 *   carried_out_g = net_g - credits * 1_000_000
 *
 * Edge cases the design leaves open, decided conservatively (never issue a tonne early):
 * - Negative gross (reversals outweigh new lines): the discount is 0, never negative. A discount
 *   exists to under-claim; a negative one would hand tonnes back. A reversal therefore takes back
 *   its full avoided_g when it lands in a batch on its own, slightly more than the discounted net it
 *   once added.
 * - Credits are never negative: issued serials cannot be un-issued.
 * - A negative net is carried forward whole as a debt (carried_out_g < 0) that the project's next
 *   batches repay before any new credit.
 * The invariant net_g = credits * 1_000_000 + carried_out_g holds in every case, and
 * carried_out_g < 1_000_000 always.
 */
export function computeCloseTotals(input: CloseTotalsInput): CloseTotals {
  assertDiscountBp(input.discountBp);
  assertCarriedIn(input.carriedInG);
  const gross = grossOf(input);
  const discount =
    gross > 0n ? (gross * BigInt(input.discountBp) + BigInt(BASIS_POINTS - 1)) / BigInt(BASIS_POINTS) : 0n;
  const net = gross - discount + BigInt(input.carriedInG);
  // BigInt division truncates toward zero, which is floor for the non-negative net it is used on.
  const credits = net > 0n ? net / BigInt(GRAMS_PER_CREDIT) : 0n;
  return {
    grossG: toSafeNumber(gross, 'gross_g'),
    discountG: toSafeNumber(discount, 'discount_g'),
    netG: toSafeNumber(net, 'net_g'),
    credits: toSafeNumber(credits, 'credits'),
    carriedOutG: toSafeNumber(net - credits * BigInt(GRAMS_PER_CREDIT), 'carried_out_g'),
  };
}
