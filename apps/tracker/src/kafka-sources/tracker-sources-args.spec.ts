import { parseTrackerSourcesArgs, TrackerSourcesUsageError } from './tracker-sources-args';

describe('parseTrackerSourcesArgs', () => {
  it('reads a registration, its lists trimmed and de-duplicated, a lone * kept as any', () => {
    expect(
      parseTrackerSourcesArgs([
        'add',
        '--source',
        ' urn:acme:lyon ',
        '--name',
        'Acme Lyon',
        '--types',
        'device.diagnosed, device.refurbished,device.diagnosed',
        '--workshops',
        'ws-lyon-01,ws-lyon-02',
        '--channels',
        '*',
      ]),
    ).toEqual({
      command: 'add',
      registration: {
        source: 'urn:acme:lyon',
        displayName: 'Acme Lyon',
        eventTypes: ['device.diagnosed', 'device.refurbished'],
        workshopIds: ['ws-lyon-01', 'ws-lyon-02'],
        siteIds: [],
        resaleChannels: ['*'],
      },
    });
  });

  it('reads list, retire and seed-local, and help by default', () => {
    expect(parseTrackerSourcesArgs(['list'])).toEqual({ command: 'list' });
    expect(parseTrackerSourcesArgs(['retire', 'urn:acme:lyon'])).toEqual({
      command: 'retire',
      source: 'urn:acme:lyon',
    });
    expect(parseTrackerSourcesArgs(['seed-local'])).toEqual({ command: 'seed-local' });
    expect(parseTrackerSourcesArgs([])).toEqual({ command: 'help' });
  });

  const add = ['add', '--source', 'urn:acme', '--name', 'Acme'];
  it.each([
    [[...add]],
    [[...add, '--types', 'device.sold']],
    [[...add, '--types', ' , ']],
    [['add', '--name', 'Acme', '--types', 'device.collected']],
    [['add', '--source', 'urn:acme', '--types', 'device.collected']],
    [['add', '--source', ' ', '--name', 'Acme', '--types', 'device.collected']],
    [['add', '--source', 'partners/rebox-fr', '--name', 'R', '--types', 'device.collected']],
    [[...add, '--types', 'device.collected', '--sites', '*,site-1']],
    [[...add, '--types', 'device.collected', 'stray']],
    [[...add, '--types', 'device.collected', '--nope', 'x']],
    [['retire']],
    [['retire', 'a', 'b']],
    [['retire', 'partners/rebox-fr']],
    [['list', '--all']],
    [['rename']],
  ])('refuses %j with a usage error', (argv) => {
    expect(() => parseTrackerSourcesArgs(argv)).toThrow(TrackerSourcesUsageError);
  });
});
