import { appendLuhnCheckDigit } from '@refurb/contracts';
import { TestDatabase } from '@refurb/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { GATEWAY_MIGRATIONS } from '../../apps/gateway/src/migrations';
import { ISSUANCE_MIGRATIONS } from '../../apps/issuance/src/migrations';
import { TRACKER_MIGRATIONS } from '../../apps/tracker/src/migrations';
import { InProcessGateway, startGateway } from '../support/in-process-gateway';
import { migrateSchemas } from '../support/migrate-schemas';
import { createServiceRole, dropServiceRole, urlAs } from '../support/service-role';

const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * Each service can run as a PostgreSQL role of its own that owns its schema and nothing else
 * (README.md#one-postgresql-role-per-service): a compromised or buggy gateway then cannot read or
 * change the tracker's evidence or the issuance ledger.
 */
describe('the gateway under a PostgreSQL role of its own', () => {
  const role = `refurb_gateway_${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let gateway: InProcessGateway | undefined;
  let asGateway: Client;

  beforeAll(async () => {
    database = await TestDatabase.create('service_role');
    // The other services' schemas, migrated by their own (here: the superuser's) connections.
    await migrateSchemas(database, [
      { schema: 'tracker', migrations: TRACKER_MIGRATIONS },
      { schema: 'issuance', migrations: ISSUANCE_MIGRATIONS },
    ]);
    await createServiceRole(database, role, 'gateway');
    gateway = await startGateway(database, { DATABASE_URL: urlAs(database, role) });
    asGateway = new Client({ connectionString: urlAs(database, role) });
    await asGateway.connect();
  });

  afterAll(async () => {
    await asGateway?.end();
    await gateway?.close();
    await database?.drop();
    await dropServiceRole(database, role);
  });

  it('migrates its schema, which the role then owns, without being a superuser', async () => {
    const [{ rolsuper, owner }] = await database.query<{ rolsuper: boolean; owner: string }>(
      `SELECT r.rolsuper, n.nspowner::regrole::text AS owner
       FROM pg_roles r, pg_namespace n WHERE r.rolname = $1 AND n.nspname = 'gateway'`,
      [role],
    );
    expect({ rolsuper, owner }).toEqual({ rolsuper: false, owner: role });
    const applied = await database.query<{ name: string }>(
      `SELECT name FROM public.gateway_migrations ORDER BY id`,
    );
    expect(applied.map((m) => m.name)).toEqual(GATEWAY_MIGRATIONS.map((m) => m.name));
  });

  it('accepts an event', async () => {
    await gateway!.partners.seedDemoPartners();
    const { apiKey } = await gateway!.partners.createKey('rebox-fr', 'service-role-test');
    const deviceId = `imei:${appendLuhnCheckDigit('35000000000042')}`;
    const response = await fetch(`${gateway!.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify({
        specversion: '1.0',
        id: `role-${randomUUID()}`,
        source: 'partners/rebox-fr',
        type: 'device.collected',
        time: new Date(Date.now() - 60_000).toISOString(),
        data: { deviceId, category: 'smartphone', channel: 'rebox', siteId: 'REBOX-PARIS-01' },
      }),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ accepted: 1 });
  });

  it.each([
    ['tracker.device_events', 'permission denied for schema tracker'],
    ['issuance.batches', 'permission denied for schema issuance'],
    ['public.tracker_migrations', 'permission denied for table tracker_migrations'],
  ])('cannot read %s', async (table, message) => {
    await expect(asGateway.query(`SELECT * FROM ${table}`)).rejects.toMatchObject({
      code: INSUFFICIENT_PRIVILEGE,
      message,
    });
  });

  it('cannot write to another schema either', async () => {
    await expect(asGateway.query(`CREATE TABLE tracker.planted (id int)`)).rejects.toMatchObject({
      code: INSUFFICIENT_PRIVILEGE,
      message: 'permission denied for schema tracker',
    });
  });
});
