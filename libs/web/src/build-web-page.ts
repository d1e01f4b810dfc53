import { copyFile, mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';

export interface WebPageSources {
  /** The directory holding main.ts, index.html, tsconfig.json and the page's stylesheet. */
  sourceDir: string;
  /** The stylesheet's file name in sourceDir, e.g. `station.css`. */
  stylesheet: string;
  outDir: string;
  /** The bundled script's name in outDir, e.g. `station.js`. */
  scriptName: string;
}

/**
 * Bundles a page (plain TypeScript and CSS) into one script, one stylesheet and its HTML, nothing
 * fetched at run time. esbuild rather than tsc: a page imports pure contract code and libraries (the
 * console's chart) and must ship as a single browser script. esbuild is loaded here only, so a service
 * that serves a built page never needs it.
 */
export async function buildWebPage(page: WebPageSources): Promise<void> {
  const { build } = await import('esbuild');
  await mkdir(page.outDir, { recursive: true });
  await build({
    entryPoints: [join(page.sourceDir, 'main.ts'), join(page.sourceDir, page.stylesheet)],
    outdir: page.outDir,
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    tsconfig: join(page.sourceDir, 'tsconfig.json'),
    logLevel: 'warning',
  });
  await rename(join(page.outDir, 'main.js'), join(page.outDir, page.scriptName));
  await copyFile(join(page.sourceDir, 'index.html'), join(page.outDir, 'index.html'));
}
