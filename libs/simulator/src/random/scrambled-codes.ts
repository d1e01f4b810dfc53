import { deriveSeed } from './seed-hash';

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** An odd-looking multiplier invertible modulo `modulus`, so the affine map it defines is a bijection. */
function unitModulo(modulus: bigint, seed: number): bigint {
  let candidate = (BigInt(seed) * 2654435761n + 1n) % modulus;
  while (candidate < 2n || gcd(candidate, modulus) !== 1n) candidate = (candidate + 1n) % modulus;
  return candidate;
}

/**
 * Fixed-width codes over an alphabet, one per index, all distinct: a bijection of [0, alphabet^width)
 * (affine map, digit reversal, affine map). Serial numbers and ids built from it are unique by
 * construction, which random draws could not guarantee at a million devices, yet they look random and
 * change with the seed.
 */
export class ScrambledCodes {
  private readonly modulus: bigint;
  private readonly radix: bigint;
  private readonly steps: readonly { multiplier: bigint; offset: bigint }[];

  constructor(
    private readonly alphabet: string,
    private readonly width: number,
    seed: number,
  ) {
    this.radix = BigInt(alphabet.length);
    this.modulus = this.radix ** BigInt(width);
    this.steps = [1, 2].map((step) => ({
      multiplier: unitModulo(this.modulus, deriveSeed(seed, step, 1)),
      offset: BigInt(deriveSeed(seed, step, 2)) % this.modulus,
    }));
  }

  /** How many distinct codes exist. */
  get capacity(): number {
    return Number(this.modulus);
  }

  code(index: number): string {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.capacity) {
      throw new RangeError(`code index ${index} is outside [0, ${this.capacity})`);
    }
    const [first, second] = this.steps;
    const mixed = (first.multiplier * BigInt(index) + first.offset) % this.modulus;
    const reversed = this.digits(mixed).reverse();
    const value = reversed.reduce((acc, digit) => acc * this.radix + digit, 0n);
    return this.digits((second.multiplier * value + second.offset) % this.modulus)
      .map((digit) => this.alphabet[Number(digit)])
      .join('');
  }

  private digits(value: bigint): bigint[] {
    const digits: bigint[] = [];
    for (let i = 0; i < this.width; i++) {
      digits.unshift(value % this.radix);
      value /= this.radix;
    }
    return digits;
  }
}
