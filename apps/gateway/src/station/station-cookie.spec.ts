import { stationCookie, stationTokenFrom } from './station-cookie';

describe('station cookie', () => {
  it('is the station_session cookie, on /station only', () => {
    expect(stationTokenFrom('a=1; station_session=tok-en_1; b=2')).toBe('tok-en_1');
    expect(stationCookie('t', 3600, false)).toBe(
      'station_session=t; Path=/station; Max-Age=3600; HttpOnly; SameSite=Strict',
    );
  });
});
