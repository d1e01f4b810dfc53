/** Upper bounds, in Unicode code points after normalisation, for the free strings of an event. */
export const TEXT_LIMITS = {
  /** CloudEvents `id`. */
  eventId: 256,
  /** CloudEvents `source`. */
  source: 512,
  /** Partner-issued references: siteId, workshopId, recyclerId, orderId, erasureCertificateId. */
  identifier: 128,
  /** Short labels: brand, model, retailer, grade, resale channel. */
  label: 128,
  /** Prose: return reason. */
  note: 1000,
} as const;

// Control characters (C0, DEL, C1), lone surrogates (malformed UTF-16), line/paragraph separators and
// bidirectional overrides (which can make a printed id read differently from what is stored).
const FORBIDDEN = /[\p{Cc}\p{Cs}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

export function containsForbiddenCharacters(value: string): boolean {
  return FORBIDDEN.test(value);
}

/** Trimmed and NFC-normalised, so that visually identical deliveries of one event compare equal. */
export function normaliseText(value: string): string {
  return value.normalize('NFC').trim();
}

export function codePointLength(value: string): number {
  return Array.from(value).length;
}

/**
 * Why `value` is not acceptable as event text once normalised, or undefined if it is.
 * Blank strings are accepted here; whether blank means "absent" or "invalid" is the field's decision.
 */
export function findTextProblem(value: string, maxLength: number): string | undefined {
  // Only what survives trimming counts: a trailing CR/LF from a CSV export is harmless.
  const normalised = normaliseText(value);
  if (containsForbiddenCharacters(normalised))
    return 'must not contain control characters or malformed Unicode';
  const length = codePointLength(normalised);
  if (length > maxLength) return `must be at most ${maxLength} characters, got ${length}`;
  return undefined;
}

// What a spreadsheet reads as the start of a formula (CSV injection). Tab and carriage return, the other
// two, are control characters: refused anywhere, and trimmed at the ends.
const FORMULA_START = /^[=+\-@]/;

/**
 * Whether `value`, once normalised, starts like a spreadsheet formula. Identifiers are refused then:
 * they end up in evidence files a finance team opens (the CSV writer neutralises such text as well).
 */
export function startsLikeFormula(value: string): boolean {
  return FORMULA_START.test(normaliseText(value));
}

export function isBlank(value: string): boolean {
  return normaliseText(value).length === 0;
}
