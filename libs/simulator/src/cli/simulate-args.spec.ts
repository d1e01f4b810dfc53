import { SimulatorException } from '../simulator.exception';
import { parseSimulateArgs } from './simulate-args';

describe('parseSimulateArgs', () => {
  it('reads the documented flags', () => {
    const command = parseSimulateArgs([
      '--devices',
      '3000',
      '--seed',
      '42',
      '--via',
      'gateway',
      '--gateway-url',
      'http://127.0.0.1:3000',
      '--collection-key',
      'c',
      '--key',
      'all',
      '--rate',
      '2000',
      '--batch-size',
      '250',
      '--refurbishable',
      '0.6',
      '--returns',
      '0.05',
      '--duplicates',
      '0.02',
      '--late',
      '0.1',
      '--malformed',
      '0.01',
      '--conflicts',
      '0.003',
      '--second-life',
      '0.1',
      '--days',
      '90',
      '--until',
      '2025-06-01T00:00:00Z',
    ]);
    expect(command).toEqual({
      help: false,
      via: 'gateway',
      ratePerSecond: 2000,
      batchSize: 250,
      gatewayUrl: 'http://127.0.0.1:3000',
      keys: { collection: 'c', workshop: 'all', resale: 'all' },
      simulation: {
        seed: 42,
        devices: 3000,
        days: 90,
        until: '2025-06-01T00:00:00Z',
        rates: {
          refurbishable: 0.6,
          returns: 0.05,
          duplicates: 0.02,
          late: 0.1,
          malformed: 0.01,
          conflictingResales: 0.003,
          secondLife: 0.1,
        },
      },
    });
  });

  it('defaults to 3000 devices, seed 42 and no sending', () => {
    expect(parseSimulateArgs([])).toMatchObject({
      via: 'none',
      simulation: { seed: 42, devices: 3000, rates: {} },
    });
    expect(parseSimulateArgs(['--help']).help).toBe(true);
  });

  it.each([[['--devices', 'many']], [['--via', 'ftp']], [['--seed', '1.5']], [['--bogus']], [['stray']]])(
    'refuses %j with SIMULATOR.INVALID_ARGUMENTS',
    (argv) => {
      expect(() => parseSimulateArgs(argv)).toThrow(SimulatorException);
      expect(() => parseSimulateArgs(argv)).toThrow(/SIMULATOR\.INVALID_ARGUMENTS/);
    },
  );
});
