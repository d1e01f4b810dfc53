import { BoundedLabelValues, OTHER_LABEL_VALUE } from './bounded-label-values';

describe('BoundedLabelValues', () => {
  it('keeps the first values up to the limit, then counts every new one as other', () => {
    const labels = new BoundedLabelValues(2);
    expect(labels.valueFor('partners/acme')).toBe('partners/acme');
    expect(labels.valueFor('partners/rebox')).toBe('partners/rebox');
    expect(labels.valueFor('partners/attacker-1')).toBe(OTHER_LABEL_VALUE);
    expect(labels.valueFor('partners/attacker-2')).toBe(OTHER_LABEL_VALUE);
  });

  it('keeps a known value after the limit is reached', () => {
    const labels = new BoundedLabelValues(1);
    labels.valueFor('acme');
    labels.valueFor('someone-else');
    expect(labels.valueFor('acme')).toBe('acme');
  });

  it('never spends a place on a value that is not label-shaped', () => {
    const labels = new BoundedLabelValues(1);
    expect(labels.valueFor('')).toBe(OTHER_LABEL_VALUE);
    expect(labels.valueFor('a'.repeat(65))).toBe(OTHER_LABEL_VALUE);
    expect(labels.valueFor('with "quotes"\n')).toBe(OTHER_LABEL_VALUE);
    expect(labels.valueFor('acme')).toBe('acme');
  });
});
