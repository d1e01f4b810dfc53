import { failureAction, failureCodeOf } from './failure-policy';

function pgError(code: string): Error {
  return Object.assign(new Error('from pg'), { code });
}

describe('failure policy', () => {
  it.each([
    ['a PostgreSQL restart (57P01)', pgError('57P01')],
    ['a connection exception class (08006)', pgError('08006')],
    ['too many connections (53300)', pgError('53300')],
    ['a statement timeout (57014)', pgError('57014')],
    ['a deadlock (40P01)', pgError('40P01')],
    [
      'a refused socket',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a lost pg connection without a code', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    [
      'a TypeORM error wrapping a transient driver error',
      Object.assign(new Error('query failed'), { driverError: { code: '40001' } }),
    ],
    [
      'a retriable kafkajs error',
      Object.assign(new Error('broker gone'), { name: 'KafkaJSConnectionError', retriable: true }),
    ],
  ])('retries %s', (_case, error) => {
    expect(failureAction(error)).toBe('retry');
  });

  it.each([
    ['a missing table (42P01)', pgError('42P01')],
    ['a missing privilege (42501)', pgError('42501')],
    [
      'an unknown factor set',
      Object.assign(new Error('no factor set'), { code: 'EMISSIONS.UNKNOWN_FACTOR_SET' }),
    ],
  ])('halts on %s, a fault of the deployment', (_case, error) => {
    expect(failureAction(error)).toBe('halt');
  });

  it.each([
    ['a raised exception (P0001)', pgError('P0001')],
    ['a check violation (23514)', pgError('23514')],
    [
      'a TypeError from a bug on one message',
      new TypeError("Cannot read properties of undefined (reading 'x')"),
    ],
    [
      'a coded domain error',
      Object.assign(new Error('inconsistent'), { code: 'CYCLE.INCONSISTENT_CREDIT_STATE' }),
    ],
    [
      'a non-retriable kafkajs error',
      Object.assign(new Error('bad'), { name: 'KafkaJSNonRetriableError', retriable: false }),
    ],
    ['something that is not an Error', 'a string'],
  ])('dead-letters %s, a fault in the data', (_case, error) => {
    expect(failureAction(error)).toBe('dead-letter');
  });

  it('reads the code a TypeORM QueryFailedError copies from its driver error', () => {
    expect(failureCodeOf(Object.assign(new Error('x'), { code: '23505' }))).toBe('23505');
  });
});
