import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Everything from this origin, nothing inline, nothing framed: the pages hold sessions that record
 * evidence or move credits, so an injected script or a framing site must get nowhere. `data:` images
 * are the station's labels.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A page's files as `npm run build` writes them, by name, with their content types. */
export type PageAssets = Readonly<Record<string, string>>;

export type PageAssetRead =
  | { ok: true; body: Buffer; headers: Record<string, string> }
  | { ok: false; reason: 'UNKNOWN_ASSET' }
  | { ok: false; reason: 'NOT_BUILT'; cause: unknown };

/**
 * One file of a built page with the headers every page answer carries; the caller turns a refusal into
 * its service's own 404 (an unknown name) or explanation (a page that was never built).
 */
export async function readPageAsset(dir: string, assets: PageAssets, asset: string): Promise<PageAssetRead> {
  const contentType = Object.hasOwn(assets, asset) ? assets[asset] : undefined;
  if (contentType === undefined) return { ok: false, reason: 'UNKNOWN_ASSET' };
  try {
    const body = await readFile(join(dir, asset));
    return {
      ok: true,
      body,
      headers: {
        'Content-Type': contentType,
        'Content-Security-Policy': PAGE_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
      },
    };
  } catch (cause) {
    return { ok: false, reason: 'NOT_BUILT', cause };
  }
}
