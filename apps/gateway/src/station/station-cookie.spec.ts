import { stationCookie, stationTokenFrom } from './station-cookie';

describe('station cookie', () => {
  it('reads the session token among other cookies', () => {
    expect(stationTokenFrom('a=1; station_session=tok-en_1; b=2')).toBe('tok-en_1');
    expect(stationTokenFrom('a=1')).toBeUndefined();
    expect(stationTokenFrom('station_session=')).toBeUndefined();
    expect(stationTokenFrom(undefined)).toBeUndefined();
  });

  it('is HttpOnly, SameSite=Strict, on /station, and Secure only over HTTPS', () => {
    expect(stationCookie('t', 3600, false)).toBe(
      'station_session=t; Path=/station; Max-Age=3600; HttpOnly; SameSite=Strict',
    );
    expect(stationCookie('t', 0, true)).toMatch(/; Secure$/);
  });
});
