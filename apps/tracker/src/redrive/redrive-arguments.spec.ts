import { RedriveException } from './redrive.exception';
import { parseRedriveArguments } from './redrive-arguments';
import { redriveReport } from './redrive-report';

describe('parseRedriveArguments', () => {
  it('reads every selection and option', () => {
    expect(
      parseRedriveArguments([
        '--code',
        'EVENT.INVALID_IMEI',
        '--code',
        'EVENT.TIME_IN_FUTURE',
        '--source-topic',
        'devices.repair.v1',
        '--event-id',
        'e-1',
        '--event-source',
        'urn:a',
        '--from-offset',
        '10',
        '--to-offset',
        '20',
        '--partition',
        '3',
        '--limit',
        '5',
        '--dry-run',
      ]),
    ).toEqual({
      help: false,
      criteria: {
        codes: ['EVENT.INVALID_IMEI', 'EVENT.TIME_IN_FUTURE'],
        sourceTopic: 'devices.repair.v1',
        eventIds: ['e-1'],
        eventSources: ['urn:a'],
        fromOffset: 10n,
        toOffset: 20n,
        partition: 3,
        limit: 5,
        dryRun: true,
      },
    });
  });

  it('publishes unless --dry-run is given, and answers --help', () => {
    expect(parseRedriveArguments(['--code', 'EVENT.MALFORMED_JSON'])).toMatchObject({
      criteria: { dryRun: false },
    });
    expect(parseRedriveArguments(['--help'])).toEqual({ help: true });
  });

  it.each([
    [[], /say what to redrive/],
    [['--dry-run'], /say what to redrive/],
    [['--code'], /argument missing/],
    [['--cod', 'X'], /Unknown option/],
    [['--code', 'X', 'extra'], /positional/],
    [['--code', 'X', '--limit', '0'], /--limit must be a whole number of at least 1/],
    [['--from-offset=-1'], /--from-offset must be a whole number/],
    [['--partition', 'x', '--code', 'X'], /--partition must be a whole number/],
    [['--from-offset', '9', '--to-offset', '3'], /after --to-offset/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseRedriveArguments(argv)).toThrow(message);
    expect(() => parseRedriveArguments(argv)).toThrow(RedriveException);
  });
});

describe('redriveReport', () => {
  it('lists each dead letter, then the counts', () => {
    const letters = [
      {
        from: '3:41',
        reasonCode: 'EVENT.TIME_IN_FUTURE',
        eventSource: 'urn:a',
        eventId: 'e-1',
        topic: 'devices.collection.v1',
      },
    ];
    expect(
      redriveReport({
        scanned: 9,
        selected: 1,
        superseded: 2,
        skipped: 0,
        redriven: 0,
        dryRun: true,
        letters,
      }),
    ).toEqual([
      'would redrive 3:41 EVENT.TIME_IN_FUTURE urn:a e-1 -> devices.collection.v1',
      'scanned 9, selected 1, redriven 0, superseded 2, skipped 0 (dry run)',
    ]);
  });
});
