import { CODE128_PATTERNS, code128Modules, code128Svg, code128Values, STOP_PATTERN } from './code128';

const sum = (pattern: string) => [...pattern].reduce((total, digit) => total + Number(digit), 0);

describe('Code 128 (code set B)', () => {
  it('has 106 distinct symbols of 11 modules each, and a 13-module stop', () => {
    expect(CODE128_PATTERNS).toHaveLength(106);
    expect(new Set(CODE128_PATTERNS).size).toBe(106);
    for (const pattern of CODE128_PATTERNS) expect(sum(pattern)).toBe(11);
    expect(sum(STOP_PATTERN)).toBe(13);
  });

  it('encodes start B, the data and the weighted checksum (the standard PJJ123C example)', () => {
    // P=48 J=42 J=42 1=17 2=18 3=19 C=35; (104 + 48·1 + 42·2 + 42·3 + 17·4 + 18·5 + 19·6 + 35·7) mod 103 = 55.
    expect(code128Values('PJJ123C')).toEqual([104, 48, 42, 42, 17, 18, 19, 35, 55]);
  });

  it('starts with a bar and is 11 modules per symbol plus the stop', () => {
    const modules = code128Modules('imei:490154203237518');
    expect(modules.reduce((total, width) => total + width, 0)).toBe(11 * (1 + 20 + 1) + 13);
    expect(modules.slice(0, 6)).toEqual([2, 1, 1, 2, 1, 4]);
  });

  it('refuses what code set B cannot encode', () => {
    expect(() => code128Values('')).toThrow('nothing to encode');
    expect(() => code128Values('é')).toThrow('cannot encode');
  });

  it('renders an SVG with the text escaped under the bars', () => {
    const svg = code128Svg('serial:a<b:1234');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('serial:a&#60;b:1234');
  });
});
