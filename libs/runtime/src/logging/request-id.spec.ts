import { requestIdFor } from './request-id';

const generated = () => 'generated-id';

describe('requestIdFor', () => {
  it.each([
    '3f2b8c1e-6a3d-4f57-9a39-0f0e3d7b9c21',
    'Root=1-67891233-abcdef012345678912345678',
    'req_01:partner.rebox/7',
    'a'.repeat(128),
  ])('keeps the well-formed incoming id %p', (id) => {
    expect(requestIdFor(id, generated)).toBe(id);
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['too long', 'a'.repeat(129)],
    ['a newline (log injection)', 'abc\n{"level":"error"}'],
    ['a space', 'two words'],
    ['quotes', 'id"with"quotes'],
    ['non-ASCII', 'idé'],
  ])('generates a new id when the incoming one is %s', (_case, id) => {
    expect(requestIdFor(id, generated)).toBe('generated-id');
  });

  it('takes the first of repeated headers', () => {
    expect(requestIdFor(['first-id', 'second-id'], generated)).toBe('first-id');
  });

  it('generates UUIDs by default', () => {
    expect(requestIdFor(undefined)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
