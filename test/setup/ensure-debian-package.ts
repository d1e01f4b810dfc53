import { spawnSync } from 'node:child_process';

/** A program the tests run for real, and the Debian package that provides it. */
export interface DebianProgram {
  /** What the tests run, e.g. `kcat` or `/usr/bin/chromium`. */
  command: string;
  /** Arguments that make it print its version and exit 0. */
  versionArgs: string[];
  debianPackage: string;
  /** How to install it by hand, for a machine where the set-up cannot. */
  installHint: string;
}

function versionOf(program: DebianProgram): string | undefined {
  const result = spawnSync(program.command, program.versionArgs, { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  return (
    result.stdout
      .split('\n')
      .find((line) => line.trim().length > 0)
      ?.trim() ?? program.command
  );
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
 * The tests drive real programs (kcat, a browser) rather than stand-ins. A clean CI machine lacks them:
 * as root we install Debian's package; otherwise we stop with instructions rather than skip those tests
 * silently. Costs one version call when the program is already installed.
 */
export function ensureDebianPackage(program: DebianProgram, log: (line: string) => void): void {
  if (versionOf(program) !== undefined) return;
  const isRoot = process.getuid?.() === 0;
  const hasAptGet = spawnSync('apt-get', ['--version']).status === 0;
  if (!isRoot || !hasAptGet) {
    throw new Error(
      `${program.command} cannot be run and cannot be installed automatically ` +
        `(${isRoot ? 'no apt-get' : 'not root'}). ${program.installHint}`,
    );
  }
  log(
    `${program.command} is missing: installing the Debian package (apt-get install ${program.debianPackage})`,
  );
  try {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', program.debianPackage]);
  } catch (error) {
    throw new Error(
      `Installing ${program.debianPackage} failed: ${(error as Error).message}\n${program.installHint}`,
    );
  }
  const version = versionOf(program);
  if (version === undefined)
    throw new Error(`${program.debianPackage} was installed but does not run. ${program.installHint}`);
  log(`installed ${version}`);
}
