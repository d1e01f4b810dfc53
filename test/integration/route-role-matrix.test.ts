import { INestApplication } from '@nestjs/common';
import { INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { highWatermarks, KafkaTestClient, provisionAllTopics, TestDatabase } from '@refurb/testing';
import { randomUUID } from 'node:crypto';
import { ManageApiKeysHandler } from '../../apps/issuance/src/auth/manage-api-keys.handler';
import { ISSUANCE_MIGRATIONS } from '../../apps/issuance/src/migrations';
import { DEMO_STATION_PARTNER } from '../../apps/gateway/src/partner-keys/demo-partners';
import { seedConsumerOffsets } from '../support/consumer-progress';
import { httpRoutesOf } from '../support/http-routes';
import { InProcessGateway, startGateway } from '../support/in-process-gateway';
import {
  InProcessService,
  InProcessTracker,
  startIssuance,
  startTracker,
} from '../support/in-process-service';
import { migrateService, trackerDatabase } from '../support/tracker-database';

/**
 * Who may call what, for every HTTP route of the three services: the README's table, checked. `public`
 * routes answer without a key; the others name the roles whose keys they accept (the gateway's one
 * "role" is a partner key). A route the services serve but this table does not name fails the test, so
 * a new route cannot ship without deciding who may call it.
 */
type Access = 'public' | 'sign-in' | readonly string[];

/**
 * The scan station's routes take a session cookie, not an API key: its role `station-session` is a cookie
 * (`cookie:<token>` below), and a credential of the other kind is not even looked at (401, not 403).
 */
const COOKIE_ROLES = new Set(['station-session', 'console-session']);
const credentialKind = (role: string) => (COOKIE_ROLES.has(role) ? 'cookie' : 'key');

/**
 * The console's cookie is also accepted by issuance's /v1 routes, as the key it was signed in with (a
 * finance key here): there it is checked as that role, not as a credential of another kind.
 */
const CONSOLE_SESSION_ROLE = 'finance';
const actingRole = (role: string, route: string) =>
  role === 'console-session' && / \/v1\//.test(route) ? CONSOLE_SESSION_ROLE : role;

/** Liveness, readiness and metrics: probes and scrapers hold no key (metrics: docs/decisions.md). */
const OPERATIONS: Record<string, Access> = {
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /metrics': 'public',
};

const MATRIX = {
  gateway: {
    ...OPERATIONS,
    'POST /v1/events': ['partner'],
    // The same route: Nest mounts the events middleware on both spellings.
    'POST /v1/events/': ['partner'],
    // The scan station: its page is public; sign-in takes the workshop key in the body.
    'GET /station': 'public',
    'GET /station/:asset': 'public',
    'POST /station/api/session': 'sign-in',
    'GET /station/api/session': ['station-session'],
    // Signing out needs no session: it ends the one the cookie names, if any.
    'DELETE /station/api/session': 'public',
    'GET /station/api/devices/:deviceId': ['station-session'],
    'POST /station/api/events': ['station-session'],
  },
  tracker: {
    ...OPERATIONS,
    'GET /v1/devices/:deviceId': ['operator', 'workshop', 'station', 'auditor'],
    'GET /v1/conflicts': ['operator'],
  },
  issuance: {
    ...OPERATIONS,
    'GET /v1/batches': ['finance', 'verifier'],
    'GET /v1/batches/:id': ['finance', 'verifier'],
    'POST /v1/batches/:id/close': ['finance'],
    'POST /v1/batches/:id/verify': ['verifier'],
    'POST /v1/batches/:id/issue': ['finance'],
    'GET /v1/batches/:id/evidence.csv': ['finance', 'verifier'],
    'GET /v1/batches/:id/history': ['finance', 'verifier', 'admin'],
    'GET /v1/batches/:id/close-preview': ['finance'],
    'GET /v1/batches/:id/registry-units': ['finance', 'verifier'],
    'GET /v1/batches/:id/registry-units.csv': ['finance', 'verifier'],
    'GET /v1/batches/:id/lines': ['finance', 'verifier'],
    'GET /v1/batches/:id/sample': ['finance', 'verifier'],
    'GET /v1/batches/:id/lines/:changeId/evidence': ['finance', 'verifier'],
    'GET /v1/projects': ['admin', 'finance'],
    'PUT /v1/projects/:id': ['admin'],
    'GET /v1/projects/:id/summary': ['finance'],
    'GET /v1/workshops': ['admin'],
    'PUT /v1/workshops/:id': ['admin'],
    'GET /v1/unplaced': ['finance', 'admin'],
    'POST /v1/unplaced/place': ['admin'],
    'POST /v1/webhooks': ['admin'],
    'GET /v1/webhooks': ['admin', 'finance'],
    'DELETE /v1/webhooks/:id': ['admin'],
    'GET /v1/webhooks/:id/deliveries': ['admin', 'finance'],
    'POST /v1/webhook-deliveries/:id/redeliver': ['admin', 'finance'],
    // The console: its page is public; sign-in takes a finance, verifier or admin key in the body, and
    // the page then calls the /v1 routes above with its cookie, under the key's role.
    'GET /console': 'public',
    'GET /console/:asset': 'public',
    'POST /console/api/session': 'sign-in',
    'GET /console/api/session': ['console-session'],
    'DELETE /console/api/session': 'public',
  },
} satisfies Record<string, Record<string, Access>>;

type ServiceName = keyof typeof MATRIX;

/**
 * Every service's published documentation is public: the OpenAPI UI and documents, and the gateway's
 * AsyncAPI document and the JSON Schemas it links. Matched by prefix, as each schema is a route of its own.
 */
function isDocumentation(route: string): boolean {
  return /^GET \/docs([-/]|$)/.test(route);
}

function accessOf(name: ServiceName, route: string): Access | undefined {
  const listed = (MATRIX[name] as Record<string, Access>)[route];
  return listed ?? (isDocumentation(route) ? 'public' : undefined);
}

interface RunningService {
  app: INestApplication;
  url: string;
  /** A valid key of this service for each of its roles. */
  keys: Record<string, string>;
}

/** Unknown ids: a caller let through meets a 404 or 400, never a change. */
function concretePath(path: string): string {
  return path.replace(/:(\w+)/g, (_, name: string) =>
    name === 'deviceId' ? 'serial:acme:ROUTE-MATRIX' : 'route-matrix-unknown',
  );
}

async function call(service: RunningService, route: string, key?: string): Promise<number> {
  const [method, path] = route.split(' ');
  const hasBody = method !== 'GET';
  const cookie = key?.startsWith('cookie:') ? key.slice('cookie:'.length) : undefined;
  const response = await fetch(`${service.url}${concretePath(path)}`, {
    method,
    headers: {
      ...(key && !cookie ? { authorization: `Bearer ${key}` } : {}),
      ...(cookie ? { cookie } : {}),
      // The pages' CSRF headers, sent on every change: what is tested here is who may call.
      ...(hasBody ? { 'content-type': 'application/json', 'x-station': '1' } : {}),
      // The console sends its header on every call, reads included.
      'x-console': '1',
    },
    body: hasBody ? '[]' : undefined,
  });
  await response.arrayBuffer();
  return response.status;
}

async function consoleCookie(url: string, apiKey: string): Promise<string> {
  const signIn = await fetch(`${url}/console/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-console': '1' },
    body: JSON.stringify({ apiKey }),
  });
  return (signIn.headers.get('set-cookie') ?? '').split(';')[0];
}

describe('route × role matrix: every HTTP route of gateway, tracker and issuance', () => {
  const kafka = new KafkaTestClient();
  let database: TestDatabase | undefined;
  let gateway: InProcessGateway | undefined;
  let tracker: InProcessTracker | undefined;
  let issuance: InProcessService | undefined;
  const services = {} as Record<ServiceName, RunningService>;

  beforeAll(async () => {
    await provisionAllTopics(kafka.kafka);
    const admin = kafka.kafka.admin();
    await admin.connect();
    const startAt = await highWatermarks(admin, [...INPUT_TOPICS, TOPICS.credited]);
    await admin.disconnect();
    const trackerGroup = `matrix-tracker-${randomUUID()}`;
    const issuanceGroup = `matrix-issuance-${randomUUID()}`;
    // The consumers start at the end of the shared topics: this test reads no one else's events.
    database = await trackerDatabase('route_matrix', trackerGroup, startAt);
    await migrateService(database, 'issuance', ISSUANCE_MIGRATIONS);
    await seedConsumerOffsets(
      database,
      'issuance.consumer_offsets',
      issuanceGroup,
      startAt.filter((o) => o.topic === TOPICS.credited),
    );
    gateway = await startGateway(database);
    tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: trackerGroup });
    issuance = await startIssuance(database, { ISSUANCE_CONSUMER_GROUP: issuanceGroup });

    await gateway.partners.seedDemoPartners();
    const issuanceKeys = issuance.app.get(ManageApiKeysHandler);
    const workshopKey = (await gateway.partners.createKey(DEMO_STATION_PARTNER, 'matrix')).apiKey;
    const signIn = await fetch(`${gateway.url}/station/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-station': '1' },
      body: JSON.stringify({ apiKey: workshopKey }),
    });
    const stationCookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const trackerKey = async (role: 'operator' | 'workshop' | 'station' | 'auditor') =>
      (await tracker!.keys.create(role, role === 'workshop' ? 'ws-route-matrix' : undefined, 'matrix'))
        .apiKey;
    services.gateway = {
      app: gateway.app,
      url: gateway.url,
      keys: {
        partner: (await gateway.partners.createKey('rebox-fr', 'matrix')).apiKey,
        'station-session': `cookie:${stationCookie}`,
      },
    };
    services.tracker = {
      app: tracker.app,
      url: tracker.url,
      keys: {
        operator: await trackerKey('operator'),
        workshop: await trackerKey('workshop'),
        station: await trackerKey('station'),
        auditor: await trackerKey('auditor'),
      },
    };
    const issuanceKey = async (role: 'finance' | 'verifier' | 'admin') =>
      (await issuanceKeys.create(role, 'matrix')).apiKey;
    services.issuance = {
      app: issuance.app,
      url: issuance.url,
      keys: {
        finance: await issuanceKey('finance'),
        verifier: await issuanceKey('verifier'),
        admin: await issuanceKey('admin'),
        'console-session': `cookie:${await consoleCookie(issuance.url, await issuanceKey('finance'))}`,
      },
    };
  });

  afterAll(async () => {
    await Promise.all([gateway?.close(), tracker?.close(), issuance?.close()]);
    await kafka.close();
    await database?.drop();
  });

  const names = Object.keys(MATRIX) as ServiceName[];

  it.each(names)('%s: the table names exactly the routes the service serves', (name) => {
    const served = httpRoutesOf(services[name].app);
    expect(served.filter((route) => accessOf(name, route) === undefined)).toEqual([]);
    expect(Object.keys(MATRIX[name]).filter((route) => !served.includes(route))).toEqual([]);
  });

  it.each(names)(
    '%s: each route answers no key, foreign keys, wrong and right roles as the table says',
    async (name) => {
      const service = services[name];
      // Valid keys of the other services: a key is only ever good where it was made.
      const foreignKeys = names
        .filter((other) => other !== name)
        .flatMap((other) => Object.values(services[other].keys));
      const answers: Record<string, Record<string, number | string>> = {};
      const expected: Record<string, Record<string, number | string>> = {};
      for (const route of httpRoutesOf(service.app)) {
        const access = accessOf(name, route);
        if (access === undefined) throw new Error(`${name} serves ${route}, which the table does not name`);
        const seen: Record<string, number | string> = {};
        const wanted: Record<string, number | string> = {};
        const noKey = await call(service, route);
        if (access === 'public') {
          seen['no key'] = noKey === 401 || noKey === 403 ? noKey : 'open';
          wanted['no key'] = 'open';
        } else if (access === 'sign-in') {
          // Its credential is the body: without one it refuses, whoever calls.
          seen['no key'] = noKey;
          wanted['no key'] = 401;
        } else {
          seen['no key'] = noKey;
          wanted['no key'] = 401;
          const foreign = await Promise.all(foreignKeys.map((key) => call(service, route, key)));
          seen['foreign keys'] = [...new Set(foreign)].join(',');
          wanted['foreign keys'] = '401';
          for (const [role, key] of Object.entries(service.keys)) {
            const status = await call(service, route, key);
            const acting = actingRole(role, route);
            const allowed = access.includes(acting);
            seen[role] = allowed ? (status === 401 || status === 403 ? status : 'allowed') : status;
            const sameKind = credentialKind(acting) === credentialKind(access[0]);
            wanted[role] = allowed ? 'allowed' : sameKind ? 403 : 401;
          }
        }
        answers[route] = seen;
        expected[route] = wanted;
      }
      // One comparison of the whole table: a failure shows every cell that differs.
      expect(answers).toEqual(expected);
    },
  );

  it.each(names)(
    '%s: its OpenAPI document, served without a key, describes every /v1 route',
    async (name) => {
      const response = await fetch(`${services[name].url}/docs-json`);
      expect(response.status).toBe(200);
      const document = (await response.json()) as {
        paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
      };
      const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => ({
          route: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
          secured: (operation.security ?? []).some((scheme) => 'api-key' in scheme),
        })),
      );
      const apiRoutes = httpRoutesOf(services[name].app).filter((route) => / \/v1\//.test(route));
      // A route Nest mounts twice (`/v1/events/`) is one operation in the document.
      const wanted = [...new Set(apiRoutes.map((route) => route.replace(/\/$/, '')))].sort();
      expect(
        documented
          .filter((op) => wanted.includes(op.route))
          .map((op) => op.route)
          .sort(),
      ).toEqual(wanted);
      expect(documented.filter((op) => wanted.includes(op.route) && !op.secured)).toEqual([]);
    },
  );

  it('keeps a workshop key to its workshop: a device it never touched answers 404, as an unknown one', async () => {
    const status = await call(services.tracker, 'GET /v1/devices/:deviceId', services.tracker.keys.workshop);
    expect(status).toBe(404);
  });
});
