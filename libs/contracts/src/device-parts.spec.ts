import { DEVICE_CATEGORIES, PART_NAMES } from './device-category';
import { checkPartsInCategory, isPartName, partExistsIn, PARTS_BY_CATEGORY } from './device-parts';
import { RejectionCode } from './rejection';

describe('parts per category', () => {
  // Transcribed from the table of docs/methodology.md#replaced-parts, row by row, so a typo in either
  // copy shows up.
  const TABLE: Record<string, string> = {
    //          smartphone tablet laptop desktop monitor console
    battery: 'x x x - - -',
    screen: 'x x x - x -',
    housing: 'x x x x x x',
    camera: 'x x x - - -',
    port: 'x x x x x x',
    keyboard: '- - x x - -',
    storage: 'x x x x - x',
    other: 'x x x x x x',
  };

  it.each(
    PART_NAMES.flatMap((part) =>
      DEVICE_CATEGORIES.map((category, column) => [part, category, column] as const),
    ),
  )('%s in %s matches the design table', (part, category, column) => {
    const expected = TABLE[part].split(' ')[column] === 'x';
    expect(partExistsIn(category, part)).toBe(expected);
  });

  it('lists parts in PART_NAMES order without duplicates', () => {
    for (const category of DEVICE_CATEGORIES) {
      const parts = PARTS_BY_CATEGORY[category];
      expect([...parts]).toEqual(PART_NAMES.filter((part) => parts.includes(part)));
    }
  });

  it('recognises part names exactly', () => {
    expect(isPartName('battery')).toBe(true);
    expect(isPartName('Battery')).toBe(false);
    expect(isPartName('motherboard')).toBe(false);
    expect(isPartName(3)).toBe(false);
  });

  it('accepts parts that exist in the category, duplicates included', () => {
    expect(checkPartsInCategory('laptop', ['keyboard', 'battery', 'battery'])).toEqual({ ok: true });
    expect(checkPartsInCategory('monitor', [])).toEqual({ ok: true });
  });

  it('rejects the first part that does not exist in the category', () => {
    expect(checkPartsInCategory('monitor', ['screen', 'battery', 'camera'])).toEqual({
      ok: false,
      rejection: {
        code: RejectionCode.PART_NOT_IN_CATEGORY,
        message: 'a monitor has no part "battery"',
        field: 'data.partsReplaced.1',
      },
    });
  });
});
