import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  keysToCreate,
  provisionServiceTrackerKeys,
  serviceKeysDirectory,
  ServiceTrackerKeysUsageError,
} from './service-tracker-keys';

describe('service tracker keys', () => {
  let directory: string;
  beforeEach(() => (directory = mkdtempSync(join(tmpdir(), 'service-keys-'))));
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('reads the directory from the argument first, then TRACKER_SERVICE_KEYS_DIR', () => {
    expect(serviceKeysDirectory(['/a'], { TRACKER_SERVICE_KEYS_DIR: '/b' })).toBe('/a');
    expect(serviceKeysDirectory([], { TRACKER_SERVICE_KEYS_DIR: '/b' })).toBe('/b');
    expect(() => serviceKeysDirectory([], {})).toThrow(ServiceTrackerKeysUsageError);
    expect(() => serviceKeysDirectory([''], { TRACKER_SERVICE_KEYS_DIR: '' })).toThrow(
      'TRACKER_SERVICE_KEYS_DIR',
    );
    expect(new ServiceTrackerKeysUsageError().code).toBe('TRACKER_SERVICE_KEYS.NO_DIRECTORY');
  });

  it('plans a station key for the gateway and an auditor key for issuance, skipping present files', () => {
    expect(keysToCreate('/keys', () => false)).toEqual([
      { service: 'gateway', role: 'station', file: 'gateway-station.key', path: '/keys/gateway-station.key' },
      {
        service: 'issuance',
        role: 'auditor',
        file: 'issuance-auditor.key',
        path: '/keys/issuance-auditor.key',
      },
    ]);
    expect(keysToCreate('/keys', (path) => path.endsWith('gateway-station.key'))).toEqual([
      expect.objectContaining({ role: 'auditor' }),
    ]);
    expect(keysToCreate('/keys', () => true)).toEqual([]);
  });

  it('writes each missing key once, owner-only, and leaves present files and no temporary file', async () => {
    const made: string[] = [];
    const create = (role: string) => {
      made.push(role);
      return Promise.resolve(`rl_${role}_${made.length}`);
    };
    const first = await provisionServiceTrackerKeys(directory, create);
    expect(first.map(({ role, created }) => [role, created])).toEqual([
      ['station', true],
      ['auditor', true],
    ]);
    expect(readFileSync(join(directory, 'gateway-station.key'), 'utf8')).toBe('rl_station_1\n');
    expect(readFileSync(join(directory, 'issuance-auditor.key'), 'utf8')).toBe('rl_auditor_2\n');
    for (const file of readdirSync(directory)) {
      expect(statSync(join(directory, file)).mode & 0o777).toBe(0o600);
    }

    const second = await provisionServiceTrackerKeys(directory, create);
    expect(second.every(({ created }) => !created)).toBe(true);
    expect(made).toEqual(['station', 'auditor']);

    writeFileSync(join(directory, 'issuance-auditor.key'), 'rl_kept\n');
    rmSync(join(directory, 'gateway-station.key'));
    await provisionServiceTrackerKeys(directory, create);
    expect(made).toEqual(['station', 'auditor', 'station']);
    expect(readFileSync(join(directory, 'issuance-auditor.key'), 'utf8')).toBe('rl_kept\n');
    expect(readdirSync(directory).sort()).toEqual(['gateway-station.key', 'issuance-auditor.key']);
  });

  it('makes a missing directory first, owner-only', async () => {
    const nested = join(directory, 'a', 'keys');
    await provisionServiceTrackerKeys(nested, (role) => Promise.resolve(`rl_${role}`));
    expect(statSync(nested).mode & 0o777).toBe(0o700);
    expect(readdirSync(nested).sort()).toEqual(['gateway-station.key', 'issuance-auditor.key']);
  });

  it('writes no file when the key cannot be made', async () => {
    await expect(
      provisionServiceTrackerKeys(directory, () => Promise.reject(new Error('database down'))),
    ).rejects.toThrow('database down');
    expect(readdirSync(directory)).toEqual([]);
  });
});
