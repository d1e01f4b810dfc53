import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { issueApiKey } from '@refurb/auth';
import { openServiceDataSource, serviceDataSourceOptions } from '@refurb/database';
import { TestDatabase } from '@refurb/testing';
import { PartnerAuthenticator } from '../../apps/gateway/src/auth/partner-authenticator.service';
import { GATEWAY_SCHEMA } from '../../apps/gateway/src/gateway-database';
import { PartnerKeysErrorCode } from '../../apps/gateway/src/partner-keys/partner-keys.exception';
import { PartnerKeysService } from '../../apps/gateway/src/partner-keys/partner-keys.service';
import { PartnerRepository } from '../../apps/gateway/src/partner-keys/partner.repository';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

describe('gateway partners and API keys on real PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let service: PartnerKeysService;
  let authenticator: PartnerAuthenticator;

  beforeAll(async () => {
    database = await TestDatabase.create('gateway_partner_keys');
    dataSource = await openServiceDataSource(serviceDataSourceOptions({ url: database.url }, GATEWAY_SCHEMA));
    const repository = new PartnerRepository(dataSource);
    service = new PartnerKeysService(repository);
    authenticator = new PartnerAuthenticator(repository);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('creates a partner, then updates its name, types and scopes without touching its creation time', async () => {
    const created = await service.upsertPartner({
      id: 'sse-nantes',
      displayName: 'SSE Nantes',
      allowedEventTypes: ['device.collected'],
      allowedSiteIds: ['sse-nantes-rezé'],
    });
    const updated = await service.upsertPartner({
      id: 'sse-nantes',
      displayName: 'SSE Nantes (collecte)',
      allowedEventTypes: ['device.recycled', 'device.collected'],
      allowedSiteIds: ['sse-nantes-reze', 'sse-nantes-orvault'],
      allowedWorkshopIds: ['*'],
    });
    expect(updated).toMatchObject({
      id: 'sse-nantes',
      displayName: 'SSE Nantes (collecte)',
      allowedEventTypes: ['device.collected', 'device.recycled'],
      allowedWorkshopIds: ['*'],
      allowedSiteIds: ['sse-nantes-orvault', 'sse-nantes-reze'],
      allowedResaleChannels: [],
      createdAt: created.createdAt,
    });
    expect(await service.listPartners()).toEqual([updated]);
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    await expect(
      service.upsertPartner({ id: 'sse-nantes', displayName: 'x', allowedEventTypes: ['device.teleported'] }),
    ).rejects.toMatchObject({ code: PartnerKeysErrorCode.INVALID_EVENT_TYPES });
    // Its sites are no longer stated: refused rather than read as "any".
    await expect(
      service.upsertPartner({ id: 'sse-nantes', displayName: 'x', allowedEventTypes: ['device.collected'] }),
    ).rejects.toMatchObject({ code: PartnerKeysErrorCode.INVALID_SCOPE });
  });

  it("refuses a stored scope that mixes '*' with values, whatever writes it", async () => {
    await expect(
      database.query(
        `INSERT INTO gateway.partners (id, display_name, allowed_event_types, allowed_workshop_ids,
                                       allowed_site_ids, allowed_resale_channels)
         VALUES ('mixed', 'Mixed', '{device.repaired}', '{*,ws-lyon-01}', '{}', '{}')`,
      ),
    ).rejects.toThrow(/partners_allowed_workshop_ids_star_alone/);
  });

  it('returns a key once, stores only its hash, and resolves it to the partner', async () => {
    await service.upsertPartner({
      id: 'key-owner',
      displayName: 'Key owner',
      allowedEventTypes: ['device.resold'],
      allowedResaleChannels: ['back-market'],
    });
    const key = await service.createKey('key-owner', 'integration');
    expect(key).toMatchObject({ partnerId: 'key-owner', label: 'integration', revokedAt: null });

    const rows = await database.query(`SELECT * FROM gateway.partner_api_keys WHERE key_id = $1`, [
      key.keyId,
    ]);
    expect(rows).toHaveLength(1);
    const secret = key.apiKey.slice(`rl_${key.keyId}_`.length);
    expect(JSON.stringify(rows[0])).not.toContain(secret);

    expect(await authenticator.authenticate(key.apiKey)).toEqual({
      partnerId: 'key-owner',
      keyId: key.keyId,
      scope: {
        eventTypes: new Set(['device.resold']),
        workshopIds: new Set(),
        siteIds: new Set(),
        resaleChannels: new Set(['back-market']),
      },
    });
    // Right key id, wrong secret.
    const forged = `rl_${key.keyId}_${issueApiKey().apiKey.split('_')[2]}`;
    expect(await authenticator.authenticate(forged)).toBeUndefined();
    expect(await authenticator.authenticate(issueApiKey().apiKey)).toBeUndefined();
    expect(await authenticator.authenticate('not-a-key')).toBeUndefined();
  });

  it('refuses a key for an unknown partner', async () => {
    await expect(service.createKey('nobody')).rejects.toMatchObject({
      code: PartnerKeysErrorCode.PARTNER_NOT_FOUND,
    });
    await expect(service.listKeys('nobody')).rejects.toMatchObject({
      code: PartnerKeysErrorCode.PARTNER_NOT_FOUND,
    });
  });

  it('revokes a key for good, idempotently', async () => {
    await service.upsertPartner({
      id: 'revoker',
      displayName: 'Revoker',
      allowedEventTypes: ['device.returned'],
    });
    const key = await service.createKey('revoker');
    const kept = await service.createKey('revoker');
    const revoked = await service.revokeKey(key.keyId);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await authenticator.authenticate(key.apiKey)).toBeUndefined();
    expect(await authenticator.authenticate(kept.apiKey)).toBeDefined();
    expect((await service.revokeKey(key.keyId)).revokedAt).toEqual(revoked.revokedAt);
    await expect(service.revokeKey('zzzzzzzzzzzz')).rejects.toMatchObject({
      code: PartnerKeysErrorCode.KEY_NOT_FOUND,
    });

    const listed = await service.listKeys('revoker');
    expect(listed.map((k) => [k.keyId, k.revokedAt !== null]).sort()).toEqual(
      [
        [key.keyId, true],
        [kept.keyId, false],
      ].sort(),
    );
    expect(JSON.stringify(listed)).not.toContain('rl_');
  });

  it('seeds the demo partners, issuing a working key for each on every run', async () => {
    const first = await service.seedDemoPartners();
    const second = await service.seedDemoPartners();
    expect(second.map((s) => [s.partner.id, s.partner.allowedEventTypes])).toEqual([
      ['rebox-fr', ['device.collected']],
      ['atelier-lyon', ['device.diagnosed', 'device.repaired', 'device.refurbished', 'device.recycled']],
      ['bench-lyon', ['device.diagnosed', 'device.repaired', 'device.refurbished', 'device.recycled']],
      ['backmarket-fr', ['device.resold', 'device.returned']],
      [
        'all-types',
        [
          'device.collected',
          'device.diagnosed',
          'device.repaired',
          'device.refurbished',
          'device.recycled',
          'device.resold',
          'device.returned',
        ],
      ],
    ]);
    // The simulator sends its whole network through them (docs/decisions.md, partner scopes); the scan
    // station's demo workshop key is scoped to its one workshop.
    expect(
      second.map(({ partner }) => [
        partner.allowedWorkshopIds,
        partner.allowedSiteIds,
        partner.allowedResaleChannels,
      ]),
    ).toEqual([
      [[], ['*'], []],
      [['*'], [], []],
      [['ws-lyon-01'], [], []],
      [[], [], ['*']],
      [['*'], ['*'], ['*']],
    ]);
    for (const { partner, key } of [...first, ...second]) {
      expect((await authenticator.authenticate(key.apiKey))?.partnerId).toBe(partner.id);
    }
    expect(await service.listKeys('rebox-fr')).toHaveLength(2);
  });

  describe('the partners CLI', () => {
    // The CLI's own code, run from source as `npm run gateway:partners` runs it compiled.
    const cli = (...args: string[]) =>
      run(
        join(ROOT, 'node_modules/.bin/ts-node'),
        [
          '--transpile-only',
          '-r',
          'tsconfig-paths/register',
          'apps/gateway/src/partner-keys/partners.cli.ts',
          ...args,
        ],
        { cwd: ROOT, env: { ...process.env, DATABASE_URL: database.url } },
      );

    it('upserts a partner, creates, lists and revokes a key', async () => {
      const upserted = await cli(
        'partner-upsert',
        '--id',
        'cli-partner',
        '--name',
        'CLI partner',
        '--types',
        'device.collected,device.resold',
        '--sites',
        'site-b,site-a',
        '--channels',
        '*',
      );
      expect(upserted.stdout).toBe(
        [
          'partner cli-partner "CLI partner" may send: device.collected, device.resold',
          '  may name collection site ids: site-a, site-b',
          '  may name resale channels: * (any)',
          '',
        ].join('\n'),
      );
      expect((await cli('partner-list')).stdout).toContain(upserted.stdout);

      const created = await cli('key-create', '--partner', 'cli-partner', '--label', 'from-cli');
      const apiKey = /^rl_\S+$/m.exec(created.stdout)?.[0];
      expect(apiKey).toBeDefined();
      const partner = await authenticator.authenticate(apiKey!);
      expect(partner?.partnerId).toBe('cli-partner');

      const listed = await cli('key-list', '--partner', 'cli-partner');
      expect(listed.stdout).toMatch(
        new RegExp(`${partner!.keyId}\\s+cli-partner\\s+from-cli\\s+\\S+\\s+active`),
      );
      expect(listed.stdout).not.toContain(apiKey);

      const revoked = await cli('key-revoke', '--key-id', partner!.keyId);
      expect(revoked.stdout).toContain(`API key ${partner!.keyId} of cli-partner revoked at`);
      expect(await authenticator.authenticate(apiKey!)).toBeUndefined();
    });

    it('exits 1 with the code of a refused command', async () => {
      await expect(cli('key-create', '--partner', 'ghost')).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('PARTNER.NOT_FOUND'),
      });
      await expect(
        cli('partner-upsert', '--id', 'no-scope', '--name', 'No scope', '--types', 'device.repaired'),
      ).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining(
          'PARTNER.INVALID_SCOPE: a partner sending device.repaired must state the workshop ids it may name',
        ),
      });
    });
  });
});
