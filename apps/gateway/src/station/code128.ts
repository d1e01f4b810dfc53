/**
 * Code 128, code set B (printable ASCII 32-126), as bar/space module widths and as SVG: enough for a
 * device id label (`imei:…`, `serial:brand:SERIAL`). Each symbol is six alternating bar/space widths
 * summing to 11 modules (ISO/IEC 15417 table, values 0-105); the stop symbol has seven (13 modules).
 */
// prettier-ignore
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232',
] as const;

export const CODE128_PATTERNS: readonly string[] = PATTERNS;
export const START_B = 104;
export const STOP_PATTERN = '2331112';
/** Blank modules either side, so a scanner finds where the symbol starts (10 is the standard minimum). */
const QUIET_ZONE = 10;

export class Code128Error extends Error {}

/** The symbol values of `text` in code set B: start, data, checksum (the stop is not a value). */
export function code128Values(text: string): number[] {
  if (text.length === 0) throw new Code128Error('nothing to encode');
  const data = [...text].map((char) => {
    const code = char.charCodeAt(0);
    if (char.length !== 1 || code < 32 || code > 126) {
      throw new Code128Error(`code set B cannot encode ${JSON.stringify(char)}`);
    }
    return code - 32;
  });
  // Checksum: the start value plus each data value weighted by its position (from 1), modulo 103.
  const checksum = data.reduce((sum, value, index) => sum + value * (index + 1), START_B) % 103;
  return [START_B, ...data, checksum];
}

/** Alternating bar and space widths in modules, starting with a bar, quiet zones excluded. */
export function code128Modules(text: string): number[] {
  const patterns = [...code128Values(text).map((value) => PATTERNS[value]), STOP_PATTERN];
  return patterns.flatMap((pattern) => [...pattern].map(Number));
}

/** A standalone SVG of the symbol with the text under it; `moduleWidth` in SVG user units. */
export function code128Svg(text: string, options: { moduleWidth?: number; height?: number } = {}): string {
  const moduleWidth = options.moduleWidth ?? 2;
  const height = options.height ?? 80;
  const widths = code128Modules(text);
  const totalModules = widths.reduce((sum, width) => sum + width, 0) + 2 * QUIET_ZONE;
  const bars: string[] = [];
  let x = QUIET_ZONE;
  widths.forEach((width, index) => {
    if (index % 2 === 0) {
      bars.push(`<rect x="${x * moduleWidth}" y="0" width="${width * moduleWidth}" height="${height}"/>`);
    }
    x += width;
  });
  const width = totalModules * moduleWidth;
  const textY = height + 18;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${textY + 6}" width="${width}" height="${textY + 6}">` +
    `<rect width="100%" height="100%" fill="#fff"/><g fill="#000">${bars.join('')}</g>` +
    `<text x="${width / 2}" y="${textY}" font-family="monospace" font-size="16" text-anchor="middle">${escapeXml(text)}</text></svg>`
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
