import { checkRoleKey } from '@refurb/auth';
import { openServiceDataSource, serviceDataSourceOptions } from '@refurb/database';
import { TestDatabase } from '@refurb/testing';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { TrackerKeyRepository } from '../../apps/tracker/src/auth/tracker-key.repository';
import { TRACKER_MIGRATIONS } from '../../apps/tracker/src/migrations';
import { migrateService } from '../support/tracker-database';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');

describe("compose's tracker-keys one-shot (service-tracker-keys CLI)", () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let directory: string;

  // The CLI's own code, run from source as compose runs it compiled; the directory from the variable.
  const cli = (env: NodeJS.ProcessEnv = {}) =>
    run(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'apps/tracker/src/auth/service-tracker-keys.cli.ts',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: database.url, TRACKER_SERVICE_KEYS_DIR: directory, ...env },
      },
    );
  const keyCount = async () =>
    Number((await database.query<{ n: string }>('SELECT count(*) AS n FROM tracker.api_keys'))[0].n);

  beforeAll(async () => {
    database = await TestDatabase.create('tracker_service_keys');
    // As in compose, where the one-shot starts once the tracker is healthy: its migrations have run.
    await migrateService(database, 'tracker', TRACKER_MIGRATIONS);
    dataSource = await openServiceDataSource(
      serviceDataSourceOptions({ url: database.url }, { schema: 'tracker', entities: [], migrations: [] }),
    );
    directory = mkdtempSync(join(tmpdir(), 'tracker-service-keys-'));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('makes a station and an auditor key the tracker accepts for those roles only, once', async () => {
    const first = await cli();
    expect(first.stdout).toMatch(/gateway\s+station\s+created/);
    expect(first.stdout).toMatch(/issuance\s+auditor\s+created/);
    expect(await keyCount()).toBe(2);

    const keys = new TrackerKeyRepository(dataSource);
    const check = (file: string, role: 'station' | 'auditor' | 'operator') => {
      const apiKey = readFileSync(join(directory, file), 'utf8').trim();
      // The tracker's guard's own check, against the stored keys.
      return checkRoleKey({ authorization: `Bearer ${apiKey}` }, [role], (keyId) => keys.find(keyId));
    };
    for (const [file, role] of [
      ['gateway-station.key', 'station'],
      ['issuance-auditor.key', 'auditor'],
    ] as const) {
      expect(statSync(join(directory, file)).mode & 0o777).toBe(0o600);
      expect(await check(file, role)).toMatchObject({ ok: true, key: { role, revoked: false } });
      expect(await check(file, 'operator')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    }
    // A one-shot's log is kept by Docker: it names the files, never a key.
    expect(first.stdout).not.toContain(readFileSync(join(directory, 'gateway-station.key'), 'utf8').trim());

    const before = ['gateway-station.key', 'issuance-auditor.key'].map((file) =>
      readFileSync(join(directory, file), 'utf8'),
    );
    const second = await cli();
    expect(second.stdout).toMatch(/gateway\s+station\s+kept/);
    expect(second.stdout).toMatch(/issuance\s+auditor\s+kept/);
    expect(await keyCount()).toBe(2);
    expect(
      ['gateway-station.key', 'issuance-auditor.key'].map((file) =>
        readFileSync(join(directory, file), 'utf8'),
      ),
    ).toEqual(before);
  });

  it('exits 2 with its usage when no directory is named', async () => {
    await expect(cli({ TRACKER_SERVICE_KEYS_DIR: '' })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('TRACKER_SERVICE_KEYS_DIR'),
    });
  });
});
