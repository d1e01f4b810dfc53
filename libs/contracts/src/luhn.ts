const DIGITS_ONLY = /^[0-9]+$/;

function luhnSum(digits: string, doubleFromRight: 0 | 1): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === doubleFromRight) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum;
}

/** True when `digits` is a non-empty string of ASCII digits whose last digit is its Luhn check digit. */
export function isLuhnValid(digits: string): boolean {
  return DIGITS_ONLY.test(digits) && luhnSum(digits, 1) % 10 === 0;
}

/** The check digit to append to `payload` (ASCII digits); throws on anything else, which is a caller bug. */
export function luhnCheckDigit(payload: string): number {
  if (!DIGITS_ONLY.test(payload)) {
    throw new RangeError(`luhnCheckDigit expects ASCII digits, got ${JSON.stringify(payload)}`);
  }
  return (10 - (luhnSum(payload, 0) % 10)) % 10;
}

/** `payload` followed by its Luhn check digit, e.g. the 14 first digits of an IMEI to a full IMEI. */
export function appendLuhnCheckDigit(payload: string): string {
  return `${payload}${luhnCheckDigit(payload)}`;
}
