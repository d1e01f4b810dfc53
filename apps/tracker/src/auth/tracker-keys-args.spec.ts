import { parseTrackerKeysArgs, TrackerKeysUsageError } from './tracker-keys-args';

describe('parseTrackerKeysArgs', () => {
  it('reads operator, workshop, station and auditor keys, and revocations', () => {
    expect(parseTrackerKeysArgs(['create', '--role', 'operator', '--label', 'ops'])).toEqual({
      command: 'create',
      role: 'operator',
      workshopId: undefined,
      label: 'ops',
    });
    expect(parseTrackerKeysArgs(['create', '--role', 'workshop', '--workshop', 'WS-LYON-01'])).toEqual({
      command: 'create',
      role: 'workshop',
      workshopId: 'WS-LYON-01',
      label: '',
    });
    expect(parseTrackerKeysArgs(['create', '--role', 'station', '--label', 'gateway'])).toEqual({
      command: 'create',
      role: 'station',
      workshopId: undefined,
      label: 'gateway',
    });
    expect(parseTrackerKeysArgs(['create', '--role', 'auditor', '--label', 'issuance'])).toEqual({
      command: 'create',
      role: 'auditor',
      workshopId: undefined,
      label: 'issuance',
    });
    expect(parseTrackerKeysArgs(['revoke', 'abc'])).toEqual({ command: 'revoke', keyId: 'abc' });
    expect(parseTrackerKeysArgs([])).toEqual({ command: 'help' });
  });

  it.each([
    [['create', '--role', 'admin']],
    [['create', '--role', 'workshop']],
    [['create', '--role', 'operator', '--workshop', 'WS-1']],
    [['create', '--role', 'station', '--workshop', 'WS-1']],
    [['create', '--role', 'auditor', '--workshop', 'WS-1']],
    [['revoke']],
    [['rotate']],
    [['create', '--nope']],
  ])('refuses %j with a usage error', (argv) => {
    expect(() => parseTrackerKeysArgs(argv)).toThrow(TrackerKeysUsageError);
  });
});
