import { ScrambledCodes } from './scrambled-codes';

describe('ScrambledCodes', () => {
  it('gives every index of a small space its own fixed-width code', () => {
    const codes = new ScrambledCodes('0123456789', 3, 99);
    const all = Array.from({ length: codes.capacity }, (_, i) => codes.code(i));
    expect(new Set(all).size).toBe(1000);
    for (const code of all) expect(code).toMatch(/^\d{3}$/);
  });

  it('is a function of the seed: same seed same codes, another seed other codes', () => {
    const a = new ScrambledCodes('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 6, 1);
    const b = new ScrambledCodes('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 6, 1);
    const c = new ScrambledCodes('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 6, 2);
    const first = (codes: ScrambledCodes) => Array.from({ length: 50 }, (_, i) => codes.code(i));
    expect(first(a)).toEqual(first(b));
    expect(first(a)).not.toEqual(first(c));
  });

  it('does not look sequential for consecutive indexes', () => {
    const codes = new ScrambledCodes('0123456789', 6, 7);
    const prefixes = new Set(Array.from({ length: 100 }, (_, i) => codes.code(i).slice(0, 2)));
    expect(prefixes.size).toBeGreaterThan(50);
  });

  it('refuses an index outside its space', () => {
    const codes = new ScrambledCodes('01', 4, 1);
    expect(() => codes.code(16)).toThrow(RangeError);
    expect(() => codes.code(-1)).toThrow(RangeError);
  });
});
