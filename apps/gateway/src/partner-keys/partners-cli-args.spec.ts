import { CliUsageError, parsePartnersArgs } from './partners-cli-args';

describe('parsePartnersArgs', () => {
  it('reads partner-upsert with a comma-separated type list', () => {
    expect(
      parsePartnersArgs([
        'partner-upsert',
        '--id',
        'rebox-fr',
        '--name',
        'REBOX France',
        '--types',
        'device.collected, device.diagnosed,',
      ]),
    ).toEqual({
      command: 'partner-upsert',
      id: 'rebox-fr',
      name: 'REBOX France',
      types: ['device.collected', 'device.diagnosed'],
    });
  });

  it('reads the scope options of partner-upsert, and leaves out those not given', () => {
    expect(
      parsePartnersArgs([
        'partner-upsert',
        '--id=atelier-lyon',
        '--name=Atelier Lyon',
        '--types=device.repaired,device.recycled,device.resold',
        '--workshops',
        'ws-lyon-01, recycler-d3e-rhone-01',
        '--channels',
        '*',
      ]),
    ).toEqual({
      command: 'partner-upsert',
      id: 'atelier-lyon',
      name: 'Atelier Lyon',
      types: ['device.repaired', 'device.recycled', 'device.resold'],
      allowedWorkshopIds: ['ws-lyon-01', 'recycler-d3e-rhone-01'],
      allowedResaleChannels: ['*'],
    });
    expect(parsePartnersArgs(['partner-list'])).toEqual({ command: 'partner-list' });
  });

  it('accepts --option=value', () => {
    expect(parsePartnersArgs(['key-create', '--partner=rebox-fr', '--label=ci'])).toEqual({
      command: 'key-create',
      partnerId: 'rebox-fr',
      label: 'ci',
    });
  });

  it('reads the key commands', () => {
    expect(parsePartnersArgs(['key-create', '--partner', 'rebox-fr'])).toEqual({
      command: 'key-create',
      partnerId: 'rebox-fr',
    });
    expect(parsePartnersArgs(['key-revoke', '--key-id', 'abc123def456'])).toEqual({
      command: 'key-revoke',
      keyId: 'abc123def456',
    });
    expect(parsePartnersArgs(['key-list'])).toEqual({ command: 'key-list' });
    expect(parsePartnersArgs(['key-list', '--partner', 'rebox-fr'])).toEqual({
      command: 'key-list',
      partnerId: 'rebox-fr',
    });
    expect(parsePartnersArgs(['seed-local'])).toEqual({ command: 'seed-local' });
  });

  it('shows help for no command, help, --help and -h', () => {
    for (const argv of [[], ['help'], ['--help'], ['-h']]) {
      expect(parsePartnersArgs(argv)).toEqual({ command: 'help' });
    }
  });

  it.each([
    [['frobnicate']],
    [['partner-upsert', '--id', 'rebox-fr', '--name', 'REBOX']],
    [['partner-upsert', '--id', 'rebox-fr', '--name', 'REBOX', '--types', ' , ']],
    [
      [
        'partner-upsert',
        '--id',
        'rebox-fr',
        '--name',
        'REBOX',
        '--types',
        'device.collected',
        '--sites',
        ',',
      ],
    ],
    [['partner-upsert', '--id', 'rebox-fr', '--name', 'REBOX', '--types', 'device.collected', '--sites']],
    [['partner-list', '--partner', 'rebox-fr']],
    [['key-create']],
    [['key-create', '--partner']],
    [['key-create', '--partner', 'rebox-fr', '--label', ' ']],
    [['key-create', '--partner', 'rebox-fr', '--colour', 'red']],
    [['key-revoke', 'abc123def456']],
    [['seed-local', '--force']],
  ])('refuses %j as a usage error', (argv) => {
    expect(() => parsePartnersArgs(argv)).toThrow(CliUsageError);
  });
});
