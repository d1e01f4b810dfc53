import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { repoRoot } from './repo-root';

export type IssuanceRole = 'finance' | 'verifier' | 'admin';

/** Runs one of the built operator CLIs (the same commands the README gives operators) and returns stdout. */
function runBuiltCli(entry: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(repoRoot(), 'dist', entry), ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? done(stdout)
        : fail(new Error(`${entry} ${args.join(' ')} exited with ${code}: ${stderr || stdout}`)),
    );
  });
}

/** `npm run gateway:partners -- seed-local`: the demo partners and a fresh API key for each, by partner id. */
export async function seedGatewayPartners(env: NodeJS.ProcessEnv): Promise<Map<string, string>> {
  const output = await runBuiltCli('apps/gateway/src/partner-keys/partners.cli.js', ['seed-local'], env);
  const keys = new Map<string, string>();
  for (const match of output.matchAll(/^(\S+)\s+(rl_\S+)/gm)) keys.set(match[1], match[2]);
  if (keys.size === 0) throw new Error(`seed-local printed no key:\n${output}`);
  return keys;
}

/**
 * `npm run tracker:sources -- seed-local`: the simulator's Kafka-native sources, so that a simulation
 * sent straight to Kafka (`npm run simulate -- --via kafka`) passes the tracker's source checks.
 */
export async function seedTrackerSources(env: NodeJS.ProcessEnv): Promise<void> {
  await runBuiltCli('apps/tracker/src/kafka-sources/tracker-sources.cli.js', ['seed-local'], env);
}

/** `npm run issuance -- seed-local`: projects FR-01 and DE-01 and their workshops. */
export async function seedIssuanceProjects(env: NodeJS.ProcessEnv): Promise<void> {
  await runBuiltCli('apps/issuance/src/cli/issuance.cli.js', ['seed-local'], env);
}

/** `npm run issuance -- key-create --role <role>`: a new issuance API key. */
export async function createIssuanceKey(
  env: NodeJS.ProcessEnv,
  role: IssuanceRole,
  label: string,
): Promise<string> {
  const output = await runBuiltCli(
    'apps/issuance/src/cli/issuance.cli.js',
    ['key-create', '--role', role, '--label', label],
    env,
  );
  const { apiKey } = JSON.parse(output) as { apiKey?: string };
  if (!apiKey) throw new Error(`key-create printed no key:\n${output}`);
  return apiKey;
}

/**
 * `npm run tracker:keys -- create --role <role>`: an operator key reads every device and conflict; a
 * station key is the gateway's, for the scan station's device reads; an auditor key is issuance's, for the
 * verifier's evidence drill-down.
 */
export async function createTrackerKey(
  env: NodeJS.ProcessEnv,
  role: 'operator' | 'station' | 'auditor',
  label: string,
): Promise<string> {
  const output = await runBuiltCli(
    'apps/tracker/src/auth/tracker-keys.cli.js',
    ['create', '--role', role, '--label', label],
    env,
  );
  const { apiKey } = JSON.parse(output) as { apiKey?: string };
  if (!apiKey) throw new Error(`tracker:keys create printed no key:\n${output}`);
  return apiKey;
}
