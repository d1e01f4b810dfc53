/**
 * RFC 4180 CSV with one extension: a record whose first character is `#` is a comment (metadata), so
 * a field starting with `#` is always quoted. Lines end with CRLF, as the RFC says.
 *
 * Text a spreadsheet would run as a formula (CSV injection: a cell starting with `=`, `+`, `-`, `@`, tab
 * or carriage return) is written behind a single quote, as OWASP recommends, so opening an evidence file
 * runs nothing. Numbers are written as they are (-177800 stays a number); only text is neutralised. Text
 * that itself starts with a quote gets one more, so `parseCsv` reads back exactly what was written.
 */
const CSV_EOL = '\r\n';

export type CsvValue = string | number | null;

const NEEDS_QUOTES = /[",\r\n]|^#|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r']/;
const NEUTRALISED = /^'[=+\-@\t\r']/;

/** The text as a spreadsheet will only ever show, never evaluate. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The text `neutraliseFormula` was given. */
export function restoreFormula(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + CSV_EOL;
}

export interface ParsedCsv {
  /** Comment records, without the leading `#`, in order. */
  comments: string[];
  records: string[][];
}

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
}

/** Parses what csvRecord writes (and any RFC 4180 text, LF or CRLF line ends), formulas restored. */
export function parseCsv(text: string): ParsedCsv {
  const comments: string[] = [];
  const records: string[][] = [];
  let index = 0;
  while (index < text.length) {
    if (text[index] === '#') {
      const end = lineEnd(text, index);
      comments.push(text.slice(index + 1, end));
      index = skipEol(text, end);
      continue;
    }
    const fields: string[] = [];
    for (;;) {
      const [field, next] = text[index] === '"' ? quotedField(text, index) : plainField(text, index);
      fields.push(restoreFormula(field));
      index = next;
      if (text[index] === ',') {
        index += 1;
        continue;
      }
      index = skipEol(text, index);
      break;
    }
    records.push(fields);
  }
  return { comments, records };
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  const stop = end === -1 ? text.length : end;
  return text[stop - 1] === '\r' ? stop - 1 : stop;
}

function skipEol(text: string, index: number): number {
  if (text[index] === '\r' && text[index + 1] === '\n') return index + 2;
  if (text[index] === '\n') return index + 1;
  if (index >= text.length) return index;
  throw new CsvSyntaxError(`unexpected character at offset ${index}`);
}

function plainField(text: string, from: number): [string, number] {
  let index = from;
  while (index < text.length && !',\r\n'.includes(text[index])) {
    if (text[index] === '"') throw new CsvSyntaxError(`quote inside an unquoted field at offset ${index}`);
    index += 1;
  }
  return [text.slice(from, index), index];
}

function quotedField(text: string, from: number): [string, number] {
  let value = '';
  let index = from + 1;
  for (;;) {
    const quote = text.indexOf('"', index);
    if (quote === -1) throw new CsvSyntaxError(`unterminated quoted field at offset ${from}`);
    value += text.slice(index, quote);
    if (text[quote + 1] === '"') {
      value += '"';
      index = quote + 2;
    } else {
      return [value, quote + 1];
    }
  }
}
