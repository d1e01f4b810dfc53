import { runInNewContext } from 'node:vm';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    const a = {
      type: 'device.resold',
      data: { orderId: 'SO-1', country: 'FR', deviceId: 'imei:490154203237518' },
    };
    const b = {
      data: { deviceId: 'imei:490154203237518', country: 'FR', orderId: 'SO-1' },
      type: 'device.resold',
    };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe(
      '{"data":{"country":"FR","deviceId":"imei:490154203237518","orderId":"SO-1"},"type":"device.resold"}',
    );
  });

  it('orders keys by UTF-16 code units', () => {
    expect(canonicalJson({ b: 1, a: 2, B: 3, é: 4, '10': 5, '2': 6 })).toBe(
      '{"10":5,"2":6,"B":3,"a":2,"b":1,"é":4}',
    );
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, { z: null, a: [true, false] }])).toBe('[3,1,{"a":[true,false],"z":null}]');
  });

  it('omits undefined members and honours toJSON', () => {
    expect(canonicalJson({ a: undefined, at: new Date(Date.UTC(2025, 0, 2)) })).toBe(
      '{"at":"2025-01-02T00:00:00.000Z"}',
    );
  });

  it('writes numbers and strings as JSON.stringify does', () => {
    expect(canonicalJson([-0, 1e21, 0.1, 450])).toBe('[0,1e+21,0.1,450]');
    expect(canonicalJson('a"\n\u2028\ud800')).toBe(JSON.stringify('a"\n\u2028\ud800'));
  });

  it('accepts plain objects made in another realm, as structuredClone and vm contexts make them', () => {
    const foreign = runInNewContext('({ b: [1, { d: 2, c: 3 }], a: "x" })') as unknown;
    expect(canonicalJson(foreign)).toBe('{"a":"x","b":[1,{"c":3,"d":2}]}');
  });

  it('throws on a class instance, whose fields JSON.stringify would silently flatten', () => {
    class Money {
      constructor(readonly cents: number) {}
    }
    expect(() => canonicalJson(new Money(1))).toThrow(TypeError);
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.k = 'v';
    expect(canonicalJson(bare)).toBe('{"k":"v"}');
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a function', () => 1],
    ['a bigint', BigInt(1)],
    ['a symbol', Symbol('s')],
    ['a Map', new Map([['a', 1]])],
    ['undefined at top level', undefined],
    ['undefined in an array', [undefined]],
  ])('throws on %s', (_label, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('throws on cycles but not on shared references', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/circular/);
  });
});
