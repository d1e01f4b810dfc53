import { ISO_3166_ALPHA2_CODES, normaliseCountryCode } from './country-code';

describe('ISO 3166-1 alpha-2', () => {
  it('holds the 249 assigned codes, sorted and unique', () => {
    expect(ISO_3166_ALPHA2_CODES).toHaveLength(249);
    expect(new Set(ISO_3166_ALPHA2_CODES).size).toBe(249);
    expect([...ISO_3166_ALPHA2_CODES].sort()).toEqual([...ISO_3166_ALPHA2_CODES]);
  });

  it.each([
    ['FR', 'FR'],
    ['fr', 'FR'],
    [' De ', 'DE'],
    ['GB', 'GB'],
    ['SS', 'SS'], // South Sudan, assigned 2011
    ['BQ', 'BQ'],
    ['AX', 'AX'],
  ])('normalises %p to %s', (raw, expected) => {
    expect(normaliseCountryCode(raw)).toBe(expected);
  });

  it.each([
    ['UK'],
    ['EU'],
    ['XK'],
    ['AN'],
    ['YU'],
    ['ZZ'],
    ['FRA'],
    ['F'],
    [''],
    ['F R'],
    ['ＦＲ'],
    [250],
    [null],
  ])('rejects %p', (raw) => {
    expect(normaliseCountryCode(raw)).toBeUndefined();
  });
});
