import { ensureDebianPackage } from './ensure-debian-package';

/** Debian's browser, which the scan station tests drive through playwright-core (no browser download). */
export const CHROMIUM = '/usr/bin/chromium';

export function ensureChromium(log: (line: string) => void): void {
  ensureDebianPackage(
    {
      command: CHROMIUM,
      versionArgs: ['--version'],
      debianPackage: 'chromium',
      installHint:
        'Install it with `sudo apt-get install chromium` (Debian/Ubuntu); `playwright install` is not used.',
    },
    log,
  );
}
