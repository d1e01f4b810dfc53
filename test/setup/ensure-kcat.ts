import { spawnSync } from 'node:child_process';

const INSTALL_HINT =
  'Install it with `sudo apt-get install kcat` (Debian/Ubuntu), `brew install kcat` (macOS) ' +
  'or see https://github.com/edenhill/kcat, then run the tests again.';

function kcatVersion(): string | undefined {
  const result = spawnSync('kcat', ['-V'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  return result.stdout.split('\n').find((line) => line.startsWith('Version')) ?? 'kcat';
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}:\n${result.stderr}`);
  }
}

/**
 * The integration tests play a Kafka-native partner with the real `kcat` (librdkafka), whose
 * compression and headers are what partners send. A clean CI machine has no kcat: as root we install
 * Debian's package; otherwise we stop with instructions rather than skip those tests silently.
 * Costs one `kcat -V` when it is already installed.
 */
export function ensureKcat(log: (line: string) => void): void {
  if (kcatVersion() !== undefined) return;
  const isRoot = process.getuid?.() === 0;
  const hasAptGet = spawnSync('apt-get', ['--version']).status === 0;
  if (!isRoot || !hasAptGet) {
    throw new Error(
      `kcat is not on PATH and cannot be installed automatically (${isRoot ? 'no apt-get' : 'not root'}). ${INSTALL_HINT}`,
    );
  }
  log('kcat is missing: installing the Debian package (apt-get install kcat)');
  try {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'kcat']);
  } catch (error) {
    throw new Error(`Installing kcat failed: ${(error as Error).message}\n${INSTALL_HINT}`);
  }
  const version = kcatVersion();
  if (version === undefined) throw new Error(`kcat was installed but does not run. ${INSTALL_HINT}`);
  log(`installed ${version}`);
}
