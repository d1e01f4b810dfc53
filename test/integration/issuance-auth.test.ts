import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { IssuanceTestApp } from '../../apps/issuance/testing/issuance-test-app';

const REPO = resolve(__dirname, '../..');
const CLI_ENTRY = resolve(REPO, 'apps/issuance/src/cli/issuance.cli.ts');

describe('issuance API keys and roles', () => {
  let service: IssuanceTestApp;
  const somewhere = '/v1/batches/any-batch';

  beforeAll(async () => {
    service = await IssuanceTestApp.start('auth');
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('refuses a request without a key with 401 AUTH.MISSING_API_KEY, and leaves /health open', async () => {
    const response = await service.http('GET', '/v1/batches');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'AUTH.MISSING_API_KEY' });
    expect((await service.http('GET', '/health')).status).toBe(200);
  });

  it('refuses malformed, unknown and revoked keys alike with 401 AUTH.INVALID_API_KEY', async () => {
    const { output } = await service.cli('key-create', '--role', 'finance');
    const { keyId, apiKey } = output as { keyId: string; apiKey: string };
    expect((await service.http('GET', '/v1/batches', { key: apiKey })).status).toBe(200);

    const forged = apiKey.slice(0, -4) + (apiKey.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const key of ['not-a-key', forged, 'rl_abcdefghijkl_' + 'x'.repeat(43)]) {
      const response = await service.http('GET', '/v1/batches', { key });
      expect([key, response.status, response.body]).toEqual([
        key,
        401,
        expect.objectContaining({ code: 'AUTH.INVALID_API_KEY' }),
      ]);
    }
    await service.cli('key-revoke', keyId);
    const revoked = await service.http('GET', '/v1/batches', { key: apiKey });
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({ code: 'AUTH.INVALID_API_KEY' });
    await expect(service.cli('key-revoke', keyId)).rejects.toMatchObject({
      code: 'ISSUANCE.API_KEY_NOT_FOUND',
    });
  });

  it('stores only a hash of each secret', async () => {
    const { output } = await service.cli('key-create', '--role', 'admin');
    const { keyId, apiKey } = output as { keyId: string; apiKey: string };
    const [row] = await service.database.query<Record<string, unknown>>(
      `SELECT * FROM issuance.api_keys WHERE key_id = $1`,
      [keyId],
    );
    const secret = apiKey.split('_').slice(2).join('_');
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row).toMatchObject({ role: 'admin', secret_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it.each([
    ['the verifier cannot close', 'verifier', 'POST', `${somewhere}/close`, undefined],
    ['the verifier cannot issue', 'verifier', 'POST', `${somewhere}/issue`, { registryReference: 'R' }],
    ['the verifier cannot preview a close', 'verifier', 'GET', `${somewhere}/close-preview`, undefined],
    [
      'finance cannot verify',
      'finance',
      'POST',
      `${somewhere}/verify`,
      { verifierName: 'V', reportReference: 'R' },
    ],
    [
      'finance cannot configure workshops',
      'finance',
      'PUT',
      '/v1/workshops/ws-x',
      { name: 'X', projectId: 'FR-01' },
    ],
    ['finance cannot place pending lines', 'finance', 'POST', '/v1/unplaced/place', undefined],
    ['admin cannot close', 'admin', 'POST', `${somewhere}/close`, undefined],
    ['admin cannot read evidence', 'admin', 'GET', `${somewhere}/evidence.csv`, undefined],
  ] as const)('%s: 403 AUTH.FORBIDDEN', async (_label, role, method, path, body) => {
    const response = await service.http(method, path, { role, body });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });

  it.each([
    ['the verifier reads a batch', 'verifier', 'GET', somewhere],
    ['the verifier reads its evidence', 'verifier', 'GET', `${somewhere}/evidence.csv`],
    ['finance reads a batch', 'finance', 'GET', somewhere],
    ['finance closes', 'finance', 'POST', `${somewhere}/close`],
  ] as const)('%s: allowed (404 for a batch that does not exist)', async (_label, role, method, path) => {
    const response = await service.http(method, path, { role });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'ISSUANCE.BATCH_NOT_FOUND' });
  });

  it('admin configures projects and workshops; bad input is 400 ISSUANCE.INVALID_REQUEST', async () => {
    const project = await service.http('PUT', '/v1/projects/AU-01', {
      role: 'admin',
      body: { company: ' Auth Test ', country: 'fr', discountBp: 700 },
    });
    expect(project.status).toBe(200);
    expect(project.body).toEqual({
      id: 'AU-01',
      company: 'Auth Test',
      country: 'FR',
      discountBp: 700,
      lastSerial: 0,
    });
    const kept = await service.http('PUT', '/v1/projects/AU-01', {
      role: 'admin',
      body: { company: 'Auth Test SA', country: 'FR' },
    });
    expect(kept.body).toMatchObject({ company: 'Auth Test SA', discountBp: 700 });

    for (const [path, body] of [
      ['/v1/projects/fr-lower', { company: 'X', country: 'FR' }],
      ['/v1/projects/AU-02', { company: 'X', country: 'XX' }],
      ['/v1/projects/AU-02', { company: 'X', country: 'FR', discountBp: 10_001 }],
      ['/v1/projects/AU-02', { company: 'X', country: 'FR', extra: true }],
      ['/v1/workshops/ws-a', { name: 'A', projectId: 'AU-01', validFrom: 'yesterday' }],
    ] as const) {
      const response = await service.http('PUT', path, { role: 'admin', body });
      expect([path, response.status, response.body]).toEqual([
        path,
        400,
        expect.objectContaining({ code: 'ISSUANCE.INVALID_REQUEST' }),
      ]);
    }
    const unknownProject = await service.http('PUT', '/v1/workshops/ws-a', {
      role: 'admin',
      body: { name: 'A', projectId: 'NO-01' },
    });
    expect(unknownProject.status).toBe(404);
    expect(unknownProject.body).toMatchObject({ code: 'ISSUANCE.PROJECT_NOT_FOUND' });
  });

  it('the operators’ CLI entry point issues a key the running service accepts', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        CLI_ENTRY,
        'key-create',
        '--role',
        'verifier',
      ],
      {
        cwd: REPO,
        env: {
          ...process.env,
          DATABASE_URL: service.database.url,
          TS_NODE_PROJECT: resolve(REPO, 'tsconfig.json'),
        },
      },
    );
    const { apiKey, role } = JSON.parse(stdout) as { apiKey: string; role: string };
    expect(role).toBe('verifier');
    const response = await service.http('GET', somewhere, { key: apiKey });
    expect(response.status).toBe(404);
    const forbidden = await service.http('POST', `${somewhere}/close`, { key: apiKey });
    expect(forbidden.status).toBe(403);
  });
});
