import { repoRoot } from '@refurb/local-stack';
import { buildWebPage } from '@refurb/web';
import { join } from 'node:path';

/** Where the page's sources are, and where `npm run build` puts it (ISSUANCE_CONSOLE_ASSETS_DIR's default). */
export const CONSOLE_WEB_SOURCES = join(repoRoot(), 'apps', 'issuance', 'src', 'console', 'web');
export const CONSOLE_WEB_OUTPUT = join(repoRoot(), 'dist', 'apps', 'issuance', 'console-web');

/** Bundles the finance and verifier console (plain TypeScript, CSS and Chart.js) into `outDir`. */
export function buildConsoleWeb(outDir = CONSOLE_WEB_OUTPUT): Promise<void> {
  return buildWebPage({
    sourceDir: CONSOLE_WEB_SOURCES,
    stylesheet: 'console.css',
    outDir,
    scriptName: 'console.js',
  });
}

if (require.main === module) {
  buildConsoleWeb().then(
    () => console.log(`console page built into ${CONSOLE_WEB_OUTPUT}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
