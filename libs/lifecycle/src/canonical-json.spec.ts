import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and drops undefined properties', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: undefined, w: null }, 'z'], c: { e: true, d: 'v' } })).toBe(
      '{"a":[{"w":null,"y":2},"z"],"b":1,"c":{"d":"v","e":true}}',
    );
  });
});
