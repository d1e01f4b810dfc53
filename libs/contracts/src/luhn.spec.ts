import { appendLuhnCheckDigit, isLuhnValid, luhnCheckDigit } from './luhn';

describe('Luhn', () => {
  it.each([
    ['490154203237518'], // IMEI example from the GSMA/Wikipedia
    ['352099001761481'], // 35-209900-176148-1
    ['79927398713'], // classic Luhn test vector
    ['4111111111111111'], // test card number
    ['0'],
  ])('accepts %s', (digits) => {
    expect(isLuhnValid(digits)).toBe(true);
  });

  it.each([['490154203237519'], ['352099001761480'], ['79927398710'], ['4111111111111112']])(
    'rejects a wrong check digit in %s',
    (digits) => {
      expect(isLuhnValid(digits)).toBe(false);
    },
  );

  it('rejects a transposition of adjacent digits', () => {
    expect(isLuhnValid('490154203237158')).toBe(false);
  });

  it.each([[''], ['49015420323751a'], [' 490154203237518'], ['４９']])(
    'rejects non-digit input %p',
    (input) => {
      expect(isLuhnValid(input)).toBe(false);
    },
  );

  it.each([
    ['49015420323751', 8],
    ['35209900176148', 1],
    ['7992739871', 3],
    ['0', 0],
  ])('computes the check digit of %s as %d', (payload, digit) => {
    expect(luhnCheckDigit(payload)).toBe(digit);
    expect(isLuhnValid(appendLuhnCheckDigit(payload))).toBe(true);
  });

  it('throws on a non-digit payload, which is a programming error', () => {
    expect(() => luhnCheckDigit('12a4')).toThrow(RangeError);
    expect(() => luhnCheckDigit('')).toThrow(RangeError);
  });
});
