import { DEVICE_CATEGORIES, PART_NAMES } from '@refurb/contracts/device-category';
import { partExistsIn } from './part-existence';

// The table of docs/methodology.md#replaced-parts, transcribed independently: x = exists, - = does not.
const TABLE = `
             smartphone tablet laptop desktop monitor console
  battery    x          x      x      -       -       -
  screen     x          x      x      -       x       -
  housing    x          x      x      x       x       x
  camera     x          x      x      -       -       -
  port       x          x      x      x       x       x
  keyboard   -          -      x      x       -       -
  storage    x          x      x      x       -       x
  other      x          x      x      x       x       x
`;

describe('partExistsIn', () => {
  const [header, ...rows] = TABLE.trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));

  it('covers every part and category of the contracts', () => {
    expect(header).toEqual([...DEVICE_CATEGORIES]);
    expect(rows.map((row) => row[0])).toEqual([...PART_NAMES]);
  });

  it('matches the docs/methodology.md table cell by cell', () => {
    for (const [part, ...cells] of rows) {
      DEVICE_CATEGORIES.forEach((category, i) => {
        expect([part, category, partExistsIn(category, part as (typeof PART_NAMES)[number])]).toEqual([
          part,
          category,
          cells[i] === 'x',
        ]);
      });
    }
  });
});
