import { repoRoot } from '@refurb/local-stack';
import { buildWebPage } from '@refurb/web';
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the page's sources are, and where `npm run build` puts the page (GATEWAY_STATION_ASSETS_DIR's default). */
export const STATION_WEB_SOURCES = join(repoRoot(), 'apps', 'gateway', 'src', 'station', 'web');
export const STATION_WEB_OUTPUT = join(repoRoot(), 'dist', 'apps', 'gateway', 'station-web');

/** The files the worker keeps (STATION_SHELL): their hash versions its cache. */
const SHELL_FILES = ['index.html', 'station.js', 'station.css'];

/**
 * Bundles the scan station page (plain TypeScript and CSS under station/web) into `outDir` (buildWebPage),
 * then the service worker that keeps it for offline reloads.
 */
export async function buildStationWeb(outDir = STATION_WEB_OUTPUT): Promise<void> {
  await buildWebPage({
    sourceDir: STATION_WEB_SOURCES,
    stylesheet: 'station.css',
    outDir,
    scriptName: 'station.js',
  });
  await build({
    entryPoints: [join(STATION_WEB_SOURCES, 'worker', 'service-worker.ts')],
    outfile: join(outDir, 'service-worker.js'),
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    tsconfig: join(STATION_WEB_SOURCES, 'worker', 'tsconfig.json'),
    // The worker's bytes change with the page's: the browser installs it anew, with a new cache.
    define: { STATION_BUILD_HASH: JSON.stringify(await contentHash(outDir, SHELL_FILES)) },
    logLevel: 'warning',
  });
}

async function contentHash(dir: string, files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) hash.update(await readFile(join(dir, file)));
  return hash.digest('hex').slice(0, 16);
}

if (require.main === module) {
  buildStationWeb().then(
    () => console.log(`station page built into ${STATION_WEB_OUTPUT}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
