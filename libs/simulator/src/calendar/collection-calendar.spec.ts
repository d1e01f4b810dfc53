import { SeededRandom } from '@refurb/lifecycle/testing/seeded-random';
import { CollectionCalendar } from './collection-calendar';
import { onBenchHours } from './working-hours';

const FROM = Date.parse('2024-11-01T00:00:00.000Z');
const UNTIL = Date.parse('2025-11-01T00:00:00.000Z');

describe('CollectionCalendar', () => {
  const calendar = new CollectionCalendar(FROM, UNTIL);
  const times = Array.from({ length: 20_000 }, (_, i) => calendar.timeAt(i / 20_000));

  it('maps quantiles to whole-second times inside the window, in order', () => {
    times.forEach((time, i) => {
      expect(time).toBeGreaterThanOrEqual(FROM);
      expect(time).toBeLessThan(UNTIL);
      expect(time % 1000).toBe(0);
      if (i > 0) expect(time).toBeGreaterThanOrEqual(times[i - 1]);
    });
    expect(calendar.timeAt(0.999999999)).toBeLessThan(UNTIL);
  });

  it('collects during opening hours, more on Saturdays than on Sundays, more in January than in August', () => {
    const hours = times.map((time) => new Date(time).getUTCHours());
    expect(Math.min(...hours)).toBeGreaterThanOrEqual(8);
    expect(Math.max(...hours)).toBeLessThan(19);
    const onDay = (day: number) => times.filter((time) => new Date(time).getUTCDay() === day).length;
    expect(onDay(6)).toBeGreaterThan(3 * onDay(0));
    const inMonth = (month: number) => times.filter((time) => new Date(time).getUTCMonth() === month).length;
    expect(inMonth(0)).toBeGreaterThan(1.5 * inMonth(7));
  });
});

describe('onBenchHours', () => {
  const random = new SeededRandom(1);

  it('keeps a time the bench is open, and moves a night or a Sunday to the next opening', () => {
    const wednesdayNoon = Date.parse('2025-06-04T12:00:00.000Z');
    expect(onBenchHours(wednesdayNoon, random)).toBe(wednesdayNoon);
    const wednesdayNight = onBenchHours(Date.parse('2025-06-04T22:00:00.000Z'), random);
    expect(new Date(wednesdayNight).toISOString()).toMatch(/^2025-06-05T0[78]:/);
    const sunday = onBenchHours(Date.parse('2025-06-08T10:00:00.000Z'), random);
    expect(new Date(sunday).toISOString().slice(0, 10)).toBe('2025-06-09');
  });
});
