import { ensureDebianPackage } from './ensure-debian-package';

/**
 * The integration tests play a Kafka-native partner with the real `kcat` (librdkafka), whose
 * compression and headers are what partners send.
 */
export function ensureKcat(log: (line: string) => void): void {
  ensureDebianPackage(
    {
      command: 'kcat',
      versionArgs: ['-V'],
      debianPackage: 'kcat',
      installHint:
        'Install it with `sudo apt-get install kcat` (Debian/Ubuntu), `brew install kcat` (macOS) ' +
        'or see https://github.com/edenhill/kcat, then run the tests again.',
    },
    log,
  );
}
