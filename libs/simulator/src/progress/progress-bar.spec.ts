import { formatProgress, ProgressBar, ProgressStream } from './progress-bar';

function fakeStream(isTTY: boolean): ProgressStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, columns: 200, written, write: (text: string) => written.push(text) };
}

describe('ProgressBar', () => {
  it('formats counts, percentage, rate and ETA', () => {
    expect(formatProgress({ label: 'send', done: 500, total: 2000, elapsedMs: 1000 }, false)).toBe(
      'send 500/2,000 25.0% 500/s ETA 3s',
    );
    expect(formatProgress({ label: 'send', done: 2000, total: 2000, elapsedMs: 4000 }, true)).toBe(
      `send [${'#'.repeat(24)}] 2,000/2,000 100.0% 500/s in 4s`,
    );
    expect(formatProgress({ label: 'send', done: 42, elapsedMs: 0 }, true)).toBe('send 42 0/s');
  });

  it('redraws one line in place on a terminal, at most every 100 ms', () => {
    let now = 0;
    const stream = fakeStream(true);
    const bar = new ProgressBar({ label: 'x', total: 10, stream, clock: () => now });
    bar.update(1);
    now = 50;
    bar.update(2);
    now = 150;
    bar.update(3);
    bar.finish();
    expect(stream.written.filter((text) => text.startsWith('\r\x1b[2K'))).toHaveLength(3);
    expect(stream.written[stream.written.length - 1]).toBe('\n');
  });

  it('prints plain lines at its interval and at the end when not on a terminal', () => {
    let now = 0;
    const stream = fakeStream(false);
    const bar = new ProgressBar({ label: 'x', total: 10, stream, lineIntervalMs: 1000, clock: () => now });
    for (let done = 1; done <= 10; done++) {
      now += 300;
      bar.update(done);
    }
    bar.finish();
    bar.finish();
    expect(stream.written.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
    expect(stream.written).toHaveLength(4);
    expect(stream.written[3]).toMatch(/^x 10\/10 100\.0%/);
  });
});
