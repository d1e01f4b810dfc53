import { SimulatorException } from '../simulator.exception';
import { RatePacer } from './rate-pacer';

describe('RatePacer', () => {
  it('schedules each batch at its turn from the first send', async () => {
    let now = 1000;
    const waits: number[] = [];
    const pacer = new RatePacer(
      100,
      () => now,
      (ms) => {
        waits.push(ms);
        now += ms;
        return Promise.resolve();
      },
    );
    await pacer.take(10); // due at once
    await pacer.take(10); // due 100 ms after the start
    now += 500; // a slow send: the next batch is already late, so it goes at once
    await pacer.take(10);
    await pacer.take(50);
    expect(waits).toEqual([100]);
    await pacer.take(1); // 80 events granted: due at 800 ms, now is at 600 ms
    expect(waits).toEqual([100, 200]);
  });

  it('never waits without a target rate', async () => {
    const wait = jest.fn(() => Promise.resolve());
    const pacer = new RatePacer(undefined, () => 0, wait);
    await pacer.take(1_000_000);
    expect(wait).not.toHaveBeenCalled();
  });

  it('shrinks batches at low rates so that sends stay smooth', () => {
    expect(RatePacer.batchSize(500, undefined)).toBe(500);
    expect(RatePacer.batchSize(500, 2000)).toBe(100);
    expect(RatePacer.batchSize(500, 1_000_000)).toBe(500);
    expect(RatePacer.batchSize(500, 5)).toBe(1);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new RatePacer(0)).toThrow(SimulatorException);
    expect(() => new RatePacer(Number.NaN)).toThrow(SimulatorException);
  });
});
