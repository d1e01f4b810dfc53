import { deriveDeviceCycles } from './derive-device-cycles';
import { collected, eventsFor, on, refurbished, resold } from './testing/device-event-factory';

describe('deriveDeviceCycles', () => {
  const history = [collected('c', on(1)), refurbished('r', on(2)), resold('s', on(3), 'o1')];

  it('ignores exact duplicates', () => {
    const withDuplicates = [...history, structuredClone(history[2]), history[0], structuredClone(history[1])];

    expect(deriveDeviceCycles(withDuplicates)).toStrictEqual(deriveDeviceCycles(history));
  });

  it('settles a reused id with a different payload the same way whatever the arrival order', () => {
    const variant = resold('s', on(3), 'o1', 'BE');

    expect(deriveDeviceCycles([...history, variant])).toStrictEqual(
      deriveDeviceCycles([variant, ...history]),
    );
    expect(deriveDeviceCycles([...history, variant]).cycles[0].events).toHaveLength(3);
  });

  it('leaves its input untouched', () => {
    const input = [history[2], history[0], history[1]];
    const copy = structuredClone(input);

    deriveDeviceCycles(input);

    expect(input).toStrictEqual(copy);
  });

  it('rejects caller errors: no events, several devices, an unparseable time', () => {
    const other = eventsFor('imei:356938035643809');

    expect(() => deriveDeviceCycles([])).toThrow(RangeError);
    expect(() => deriveDeviceCycles([...history, other.collected('c9', on(1))])).toThrow(
      /imei:356938035643809/,
    );
    expect(() => deriveDeviceCycles([collected('c', 'yesterday')])).toThrow(/unparseable/);
  });
});
