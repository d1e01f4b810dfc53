import { prettyLogLine } from './pretty-log-line';

// 2026-03-01T10:04:31.207 in the local time zone, whatever it is where the test runs.
const time = new Date(2026, 2, 1, 10, 4, 31, 207).toISOString();

describe('prettyLogLine', () => {
  it('puts time, level, context and message first, then the other fields as key=value', () => {
    const line = JSON.stringify({
      level: 'warn',
      time,
      service: 'tracker',
      pid: 12,
      hostname: 'h',
      context: 'OutboxRelay',
      msg: 'Parked 1 row',
      table: 'tracker.outbox',
      rows: 1,
    });
    expect(prettyLogLine(line)).toBe(
      '10:04:31.207 WARN  [OutboxRelay] Parked 1 row table=tracker.outbox rows=1',
    );
  });

  it('reads numeric levels and leaves the request and response objects to the message', () => {
    const line = JSON.stringify({
      level: 30,
      time,
      requestId: 'r-1',
      req: { method: 'GET', headers: {} },
      res: { statusCode: 200 },
      msg: 'GET /v1/batches 200',
    });
    expect(prettyLogLine(line)).toBe('10:04:31.207 INFO  GET /v1/batches 200 requestId=r-1');
  });

  it('indents an error stack below the line', () => {
    const line = JSON.stringify({
      level: 'error',
      time,
      msg: 'failed',
      err: { message: 'boom', stack: 'Error: boom\n    at x' },
    });
    expect(prettyLogLine(line)).toBe('10:04:31.207 ERROR failed\n    Error: boom\n        at x');
  });

  it('colours the level only when asked', () => {
    const line = JSON.stringify({ level: 'error', time, msg: 'x' });
    expect(prettyLogLine(line, { colour: true })).toBe('10:04:31.207 \x1b[31mERROR\x1b[0m x');
  });

  it.each(['plain text from console.log', '    at Object.<anonymous> (x.js:1:1)', '{not json', '[1,2]', ''])(
    'returns %p unchanged',
    (line) => {
      expect(prettyLogLine(line)).toBe(line);
    },
  );
});
