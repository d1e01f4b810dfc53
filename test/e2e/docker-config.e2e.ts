import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { GatewayEnv } from '../../apps/gateway/src/gateway.env';
import { IssuanceEnv } from '../../apps/issuance/src/issuance.env';
import { TrackerEnv } from '../../apps/tracker/src/tracker.env';
import { loadConfig } from '@refurb/config';
import { builtEntryPoint } from '@refurb/local-stack';

// No Docker engine runs where these tests run: this checks what can be checked without one.
interface ComposeService {
  environment?: Record<string, string | number>;
  ports?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

const root = join(__dirname, '..', '..');
const compose = parse(readFileSync(join(root, 'docker', 'compose.yaml'), 'utf8'), {
  merge: true,
}) as ComposeFile;
const dockerfile = readFileSync(join(root, 'docker', 'Dockerfile'), 'utf8');

const SERVICES = [
  { name: 'gateway', envClass: GatewayEnv, portVariable: 'GATEWAY_PORT' },
  { name: 'tracker', envClass: TrackerEnv, portVariable: 'TRACKER_PORT' },
  { name: 'issuance', envClass: IssuanceEnv, portVariable: 'ISSUANCE_PORT' },
] as const;

function environmentOf(service: string): Record<string, string> {
  const raw = compose.services[service]?.environment ?? {};
  return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, String(value)]));
}

describe('docker/compose.yaml and docker/Dockerfile', () => {
  it.each(SERVICES)(
    '$name: its environment passes the service configuration validation',
    ({ name, envClass, portVariable }) => {
      const env = environmentOf(name);
      const config: object = loadConfig<object>(envClass, env);
      const port = String((config as Record<string, unknown>)[portVariable]);
      expect(compose.services[name].ports).toEqual([`${port}:${port}`]);
      expect(env.SERVICE).toBe(name);
    },
  );

  it.each(SERVICES)('$name: talks to the compose Kafka listener and PostgreSQL service', ({ name }) => {
    const env = environmentOf(name);
    const kafka = environmentOf('kafka');
    const postgres = environmentOf('postgres');
    expect(kafka.KAFKA_ADVERTISED_LISTENERS.split(',')).toContain(`PLAINTEXT://${env.KAFKA_BROKERS}`);
    const database = new URL(env.DATABASE_URL);
    expect(database.hostname).toBe('postgres');
    expect(database.password).toBe(postgres.POSTGRES_PASSWORD);
  });

  it('runs Apache Kafka 3.9 in KRaft mode', () => {
    const kafka = compose.services.kafka as ComposeService & { image: string };
    expect(kafka.image).toMatch(/^apache\/kafka:3\.9\./);
    expect(environmentOf('kafka').KAFKA_PROCESS_ROLES).toBe('broker,controller');
  });

  it.each(SERVICES)('$name: the image entry point is a file `npm run build` produces', ({ name }) => {
    const command = /CMD \[.*"exec node (dist\/apps\/\$\{SERVICE\}\/src\/main\.js)"\]/.exec(dockerfile);
    expect(command).not.toBeNull();
    const entryPoint = join(root, command![1].replace('${SERVICE}', name));
    expect(entryPoint).toBe(builtEntryPoint(name));
    expect(existsSync(entryPoint)).toBe(true);
  });
});
