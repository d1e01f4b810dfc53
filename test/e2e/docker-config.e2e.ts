import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { GatewayEnv } from '../../apps/gateway/src/gateway.env';
import { IssuanceEnv } from '../../apps/issuance/src/issuance.env';
import { TrackerEnv } from '../../apps/tracker/src/tracker.env';
import { loadConfig } from '@refurb/config';
import { builtEntryPoint, ServiceProcess } from '@refurb/local-stack';
import { freePort, TestDatabase, testKafkaBrokers } from '@refurb/testing';
import { KAFKA_PRINCIPALS } from '@refurb/kafka';
import { SERVICE_TRACKER_KEYS } from '../../apps/tracker/src/auth/service-tracker-keys';
import {
  compose,
  environmentOf,
  mountsOf,
  namedVolumeOf,
  repositoryRoot,
  startOrder,
} from '../support/compose-file';
import { metricFamilies, scrape } from '../support/prometheus-text';

// No Docker engine runs where these tests run: this checks what can be checked without one.
const root = repositoryRoot;
const dockerfile = readFileSync(join(root, 'docker', 'Dockerfile'), 'utf8');
const securedBroker = readFileSync(join(root, 'docker', 'kafka', 'secured-broker.sh'), 'utf8');

/** A setting of the compose broker as docker/kafka/secured-broker.sh writes it, its variables' defaults filled in. */
function brokerSetting(name: string): string {
  const line = securedBroker.split('\n').find((candidate) => candidate.startsWith(`${name}=`));
  if (!line) throw new Error(`secured-broker.sh sets no ${name}`);
  return line.slice(name.length + 1).replace(/\$\{(\w+)\}/g, (_all, variable: string) => {
    const declaration = securedBroker.split('\n').find((candidate) => candidate.startsWith(`${variable}="`));
    const fallback = declaration && /:-([^}]*)\}"$/.exec(declaration);
    if (!fallback) throw new Error(`secured-broker.sh has no default for ${variable}`);
    return fallback[1];
  });
}

const KAFKA_SECRETS = 'kafka-secrets';

const SERVICES = [
  { name: 'gateway', envClass: GatewayEnv, portVariable: 'GATEWAY_PORT' },
  { name: 'tracker', envClass: TrackerEnv, portVariable: 'TRACKER_PORT' },
  { name: 'issuance', envClass: IssuanceEnv, portVariable: 'ISSUANCE_PORT' },
] as const;

/** The port a compose service listens on, as its own configuration validation reads its environment. */
function portOf({ name, envClass, portVariable }: (typeof SERVICES)[number]): number {
  const config = loadConfig<object>(envClass, environmentOf(name)) as Record<string, unknown>;
  return Number(config[portVariable]);
}

interface PrometheusConfig {
  scrape_configs: { job_name: string; metrics_path?: string; static_configs: { targets: string[] }[] }[];
}
interface Dashboard {
  panels: { type: string; targets?: { expr: string }[] }[];
}

const prometheus = parse(
  readFileSync(join(root, 'docker', 'prometheus', 'prometheus.yml'), 'utf8'),
) as PrometheusConfig;
const dashboard = JSON.parse(
  readFileSync(join(root, 'docker', 'grafana', 'dashboards', 'refurb-ledger.json'), 'utf8'),
) as Dashboard;

/** The metric names a dashboard query reads, histogram series (`_bucket`, `_sum`, `_count`) included. */
function metricNamesIn(expr: string): string[] {
  return [...expr.matchAll(/\b(?:refurb|process|nodejs)_[a-z0-9_]+/g)].map((match) => match[0]);
}

const dashboardMetricNames = [
  ...new Set(dashboard.panels.flatMap((panel) => panel.targets ?? []).flatMap((t) => metricNamesIn(t.expr))),
];

describe('docker/compose.yaml and docker/Dockerfile', () => {
  it.each(SERVICES)(
    '$name: its environment passes the service configuration validation',
    ({ name, envClass, portVariable }) => {
      const env = environmentOf(name);
      const config: object = loadConfig<object>(envClass, env);
      const port = String((config as Record<string, unknown>)[portVariable]);
      expect(compose.services[name].ports).toEqual([`${port}:${port}`]);
      expect(env.SERVICE).toBe(name);
      // The default (loopback) would leave the published port unreachable from outside the container.
      expect((config as Record<string, unknown>).HOST).toBe('0.0.0.0');
    },
  );

  it.each(SERVICES)('$name: talks to the compose Kafka listener and PostgreSQL service', ({ name }) => {
    const env = environmentOf(name);
    const postgres = environmentOf('postgres');
    expect(brokerSetting('advertised.listeners').split(',')).toContain(`INTERNAL://${env.KAFKA_BROKERS}`);
    const database = new URL(env.DATABASE_URL);
    expect(database.hostname).toBe('postgres');
    expect(database.password).toBe(postgres.POSTGRES_PASSWORD);
  });

  it.each(SERVICES)(
    '$name: connects over SASL_SSL as its own principal, with the CA and its password from the kafka-secrets volume',
    ({ name }) => {
      const env = environmentOf(name);
      const secrets = namedVolumeOf(name, KAFKA_SECRETS);
      expect(secrets?.readOnly).toBe(true);
      expect(env).toMatchObject({
        KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: name,
        KAFKA_SASL_PASSWORD_FILE: `${secrets!.target}/${name}.password`,
        KAFKA_SSL_CA_FILE: `${secrets!.target}/ca.pem`,
      });
      expect(brokerSetting('listener.security.protocol.map').split(',')).toContain('INTERNAL:SASL_SSL');
      // Topics and ACLs exist before a service asks for them: it may not create topics itself.
      expect(compose.services[name].depends_on?.['kafka-access']).toEqual({
        condition: 'service_completed_successfully',
      });
    },
  );

  it('runs Apache Kafka 3.9 in KRaft mode, with ACLs and nothing allowed by default', () => {
    for (const name of ['kafka', KAFKA_SECRETS]) {
      expect(compose.services[name].image).toMatch(/^apache\/kafka:3\.9\./);
      const [, script] = compose.services[name].command!;
      const scripts = mountsOf(name).find((mount) => script.startsWith(`${mount.target}/`));
      expect(existsSync(join(scripts!.host, script.slice(scripts!.target.length)))).toBe(true);
    }
    expect(brokerSetting('process.roles')).toBe('broker,controller');
    expect(brokerSetting('authorizer.class.name')).toBe(
      'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    );
    expect(brokerSetting('allow.everyone.if.no.acl.found')).toBe('false');
    expect(brokerSetting('super.users')).toBe('User:admin;User:controller');
    expect(brokerSetting('listener.security.protocol.map').split(',')).toEqual([
      'CONTROLLER:SASL_PLAINTEXT',
      'INTERNAL:SASL_SSL',
      'HOST:SASL_SSL',
    ]);
  });

  it('formats the broker with a SCRAM user for every principal of the ACL table', () => {
    for (const name of ['kafka', KAFKA_SECRETS]) {
      expect(environmentOf(name).KAFKA_PRINCIPALS.split(' ')).toEqual([...KAFKA_PRINCIPALS]);
      expect(namedVolumeOf(name, KAFKA_SECRETS)?.target).toBe('/etc/kafka/secrets');
    }
    const access = environmentOf('kafka-access');
    const secrets = namedVolumeOf('kafka-access', KAFKA_SECRETS)!;
    expect(compose.services['kafka-access'].command).toEqual([
      'node',
      'dist/libs/local-stack/src/kafka-access.cli.js',
    ]);
    expect(existsSync(join(root, 'libs', 'local-stack', 'src', 'kafka-access.cli.ts'))).toBe(true);
    expect(access).toMatchObject({
      KAFKA_SASL_USERNAME: 'admin',
      KAFKA_SASL_PASSWORD_FILE: `${secrets.target}/admin.password`,
      KAFKA_SSL_CA_FILE: `${secrets.target}/ca.pem`,
    });
  });

  it.each(SERVICES)('$name: the image entry point is a file `npm run build` produces', ({ name }) => {
    const command = /CMD \[.*"exec node (dist\/apps\/\$\{SERVICE\}\/src\/main\.js)"\]/.exec(dockerfile);
    expect(command).not.toBeNull();
    const entryPoint = join(root, command![1].replace('${SERVICE}', name));
    expect(entryPoint).toBe(builtEntryPoint(name));
    expect(existsSync(entryPoint)).toBe(true);
  });

  it('the signing keys are made once into a volume every service reads them from by default', () => {
    const keys = compose.services['signing-keys'];
    const [, script] = keys.command!;
    expect(existsSync(join(root, script))).toBe(true);
    const [volume, target] = keys.volumes![0].split(':');
    expect(environmentOf('signing-keys').REFURB_CACHE_DIR).toBe(target);
    for (const { name, envClass } of SERVICES) {
      expect(compose.services[name].volumes).toContain(`${volume}:${target}:ro`);
      const env = environmentOf(name);
      expect(env.REFURB_CACHE_DIR).toBe(target);
      // The key-file defaults follow the container's process environment, as in the container.
      const saved = process.env.REFURB_CACHE_DIR;
      process.env.REFURB_CACHE_DIR = env.REFURB_CACHE_DIR;
      let config: Record<string, unknown>;
      try {
        config = loadConfig<object>(envClass, env) as Record<string, unknown>;
      } finally {
        if (saved === undefined) delete process.env.REFURB_CACHE_DIR;
        else process.env.REFURB_CACHE_DIR = saved;
      }
      // Signing keys only: KAFKA_SSL_KEY_FILE has no default (Kafka TLS is off in a local run), and the
      // tracker API keys come from the service-keys volume (checked below).
      const keyFiles = Object.entries(config).filter(
        ([variable, file]) =>
          /_KEYS?_FILE$/.test(variable) && !variable.endsWith('_TRACKER_API_KEY_FILE') && file !== undefined,
      );
      expect(keyFiles.length).toBe({ gateway: 1, tracker: 2, issuance: 2 }[name]);
      for (const [, file] of keyFiles) expect(String(file).startsWith(`${target}/keys/`)).toBe(true);
    }
  });

  describe('the tracker keys of the gateway and issuance (tracker-keys one-shot)', () => {
    const SERVICE_KEYS = 'service-keys';
    const oneShot = compose.services['tracker-keys'];
    const written = namedVolumeOf('tracker-keys', SERVICE_KEYS);

    it('runs the built CLI once, after the tracker is healthy, into the service-keys volume', () => {
      const [, script] = oneShot.command!;
      expect(script).toBe('dist/apps/tracker/src/auth/service-tracker-keys.cli.js');
      expect(existsSync(join(root, script))).toBe(true);
      expect(oneShot.image).toBe(compose.services.tracker.image);
      expect(oneShot.restart).toBe('no');
      // Healthy means migrated: tracker.api_keys exists before a key is inserted.
      expect(oneShot.depends_on?.tracker).toEqual({ condition: 'service_healthy' });
      expect(written).toEqual({ target: expect.any(String), readOnly: false });
      const env = environmentOf('tracker-keys');
      expect(env.TRACKER_SERVICE_KEYS_DIR).toBe(written!.target);
      expect(env.DATABASE_URL).toBe(environmentOf('tracker').DATABASE_URL);
      // The CLI reads its settings as the tracker does: its environment must pass the same validation.
      expect(() => loadConfig<object>(TrackerEnv, env)).not.toThrow();
      expect(compose.volumes).toHaveProperty(SERVICE_KEYS);
      // An empty named volume takes the owner of the image's directory: it must be the image's user's.
      const chowned = dockerfile.split('\n').find((line) => /^RUN .*chown node:node /.test(line));
      expect(chowned?.split(/\s+/)).toContain(written!.target);
    });

    it.each(SERVICE_TRACKER_KEYS)(
      '$service: reads the tracker as $role with the key file the one-shot writes, mounted read-only',
      ({ service, role, file }) => {
        const prefix = service.toUpperCase();
        const mounted = namedVolumeOf(service, SERVICE_KEYS);
        expect(mounted).toEqual({ target: expect.any(String), readOnly: true });
        const env = environmentOf(service);
        expect(env[`${prefix}_TRACKER_API_KEY_FILE`]).toBe(`${mounted!.target}/${file}`);
        expect(env[`${prefix}_TRACKER_API_KEY`]).toBeUndefined();
        const tracker = portOf(SERVICES[1]);
        expect(env[`${prefix}_TRACKER_URL`]).toBe(`http://tracker:${tracker}`);
        const config = loadConfig<object>(service === 'gateway' ? GatewayEnv : IssuanceEnv, env) as Record<
          string,
          unknown
        >;
        expect(config[`${prefix}_TRACKER_URL`]).toBe(`http://tracker:${tracker}`);
        expect(role).toBe({ gateway: 'station', issuance: 'auditor' }[service]);
        // Its own depends_on replaces the anchor's: the shared ones must be restated.
        expect(compose.services[service].depends_on).toEqual({
          ...compose.services.tracker.depends_on,
          'tracker-keys': { condition: 'service_completed_successfully' },
        });
        // Likewise its volumes: the signing keys and Kafka secrets are still mounted as for the tracker.
        for (const volume of compose.services.tracker.volumes!) {
          expect(compose.services[service].volumes).toContain(volume);
        }
      },
    );

    it('starts in order: tracker, tracker-keys, then gateway and issuance, with no dependency cycle', () => {
      const order = startOrder();
      const at = (name: string) => order.indexOf(name);
      expect(order).toHaveLength(Object.keys(compose.services).length);
      expect(at('tracker')).toBeLessThan(at('tracker-keys'));
      expect(at('tracker-keys')).toBeLessThan(at('gateway'));
      expect(at('tracker-keys')).toBeLessThan(at('issuance'));
      expect(compose.services.tracker.depends_on).not.toHaveProperty('tracker-keys');
    });
  });

  it('prometheus scrapes each service at its compose service name and port', () => {
    const targets = Object.fromEntries(
      prometheus.scrape_configs.map((job) => [
        job.job_name,
        { path: job.metrics_path ?? '/metrics', targets: job.static_configs.flatMap((c) => c.targets) },
      ]),
    );
    expect(targets).toEqual(
      Object.fromEntries(
        SERVICES.map((service) => [
          service.name,
          { path: '/metrics', targets: [`${service.name}:${portOf(service)}`] },
        ]),
      ),
    );
  });

  it.each(['prometheus', 'grafana'])(
    '%s: a pinned image, in the observability profile, with every mounted file present',
    (name) => {
      const service = compose.services[name];
      expect(service.image).toMatch(/:v?\d+\.\d+\.\d+$/);
      expect(service.profiles).toEqual(['observability']);
      for (const { host } of mountsOf(name)) expect(existsSync(host)).toBe(true);
    },
  );

  it('grafana reads the dashboards where its provisioning says, from the compose Prometheus', () => {
    const dashboards = parse(
      readFileSync(
        join(root, 'docker', 'grafana', 'provisioning', 'dashboards', 'refurb-ledger.yaml'),
        'utf8',
      ),
    ) as { providers: { options: { path: string } }[] };
    const datasources = parse(
      readFileSync(join(root, 'docker', 'grafana', 'provisioning', 'datasources', 'prometheus.yaml'), 'utf8'),
    ) as { datasources: { url: string }[] };
    const mounted = mountsOf('grafana').find((m) => m.target === dashboards.providers[0].options.path);
    expect(mounted?.host).toBe(join(root, 'docker', 'grafana', 'dashboards'));
    const prometheusPort = compose.services.prometheus.ports?.[0].split(':')[1];
    expect(datasources.datasources.map((d) => d.url)).toEqual([`http://prometheus:${prometheusPort}`]);
  });

  describe('the dashboard and the metrics the built services export', () => {
    let database: TestDatabase;
    const families = new Set<string>();

    beforeAll(async () => {
      database = await TestDatabase.create('e2e_docker_metrics');
      const runId = Math.random().toString(36).slice(2, 10);
      const ports = { gateway: await freePort(), tracker: await freePort(), issuance: await freePort() };
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        DATABASE_URL: database.url,
        GATEWAY_PORT: String(ports.gateway),
        TRACKER_PORT: String(ports.tracker),
        ISSUANCE_PORT: String(ports.issuance),
        TRACKER_CONSUMER_GROUP: `e2e-metrics-tracker-${runId}`,
        ISSUANCE_CONSUMER_GROUP: `e2e-metrics-issuance-${runId}`,
      };
      const services = SERVICES.map(
        ({ name }) => new ServiceProcess({ name, port: ports[name] }, env, () => {}),
      );
      try {
        for (const service of services) {
          service.start();
          await service.waitUntilHealthy();
          for (const family of metricFamilies(await scrape(service.url))) families.add(family);
        }
      } finally {
        await Promise.all(services.map((service) => service.stop()));
      }
    });

    afterAll(() => database?.drop());

    it('queries only metrics some service exports', () => {
      const exported = (name: string) =>
        families.has(name) || families.has(name.replace(/_(bucket|sum|count)$/, ''));
      expect(dashboardMetricNames.filter((name) => !exported(name))).toEqual([]);
    });

    it("shows every one of the ledger's own metrics", () => {
      const shown = new Set(dashboardMetricNames.map((name) => name.replace(/_(bucket|sum|count)$/, '')));
      expect([...families].filter((family) => family.startsWith('refurb_') && !shown.has(family))).toEqual(
        [],
      );
    });
  });
});
