import { codePointLength, findTextProblem, isBlank, normaliseText, startsLikeFormula } from './clean-text';

describe('event text', () => {
  it('trims and composes to NFC', () => {
    const decomposed = 'Cafe\u0301 de la gare';
    expect(normaliseText(`  ${decomposed}\u00a0`)).toBe('Café de la gare');
    expect(normaliseText(decomposed)).toBe(normaliseText('Café de la gare'));
  });

  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('📱ab')).toBe(3);
  });

  it.each([
    ['a NUL', 'ab\u0000c'],
    ['a tab inside', 'a\tb'],
    ['a DEL', 'a\u007f'],
    ['a C1 control', 'a\u0085b'],
    ['a lone high surrogate', 'a\ud83db'],
    ['a lone low surrogate', 'a\udcf1'],
    ['a line separator', 'a\u2028b'],
    ['a bidi override', 'order-\u202e1234'],
  ])('refuses %s', (_label, value) => {
    expect(findTextProblem(value, 100)).toMatch(/control characters/);
  });

  it('accepts accents, emoji and surrounding whitespace, line breaks included', () => {
    expect(findTextProblem('  Écran fissuré 📱 ', 100)).toBeUndefined();
    expect(findTextProblem('Lyon Part-Dieu\r\n', 100)).toBeUndefined();
  });

  it('bounds the normalised length', () => {
    expect(findTextProblem(`${'é'.repeat(10)}  `, 10)).toBeUndefined();
    expect(findTextProblem('e\u0301'.repeat(10), 10)).toBeUndefined();
    expect(findTextProblem('x'.repeat(11), 10)).toBe('must be at most 10 characters, got 11');
  });

  it('tells blank strings', () => {
    expect(isBlank(' \u00a0\n')).toBe(true);
    expect(isBlank(' a ')).toBe(false);
  });

  it('tells text that starts like a spreadsheet formula once trimmed', () => {
    for (const formula of ['=1+1', '+33', '-2', '@SUM(A1)', ' \t=1', '\u00a0-1'])
      expect(startsLikeFormula(formula)).toBe(true);
    for (const plain of ['WS-12', 'a=b', "'=1", '#1', '', '\uff1d1'])
      expect(startsLikeFormula(plain)).toBe(false);
  });
});
