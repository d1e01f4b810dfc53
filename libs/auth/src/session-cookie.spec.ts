import {
  hashSessionToken,
  newSessionToken,
  secondsUntil,
  sessionCookie,
  signInKeyOf,
  sessionTokenFrom,
} from './session-cookie';

const SPEC = { name: 'page_session', path: '/page' };

describe('session cookie', () => {
  it('reads the session token among other cookies', () => {
    expect(sessionTokenFrom(SPEC, 'a=1; page_session=tok-en_1; b=2')).toBe('tok-en_1');
    expect(sessionTokenFrom(SPEC, 'a=1')).toBeUndefined();
    expect(sessionTokenFrom(SPEC, 'page_session=')).toBeUndefined();
    expect(sessionTokenFrom(SPEC, undefined)).toBeUndefined();
  });

  it('is HttpOnly, SameSite=Strict, on its path, and Secure only over HTTPS', () => {
    expect(sessionCookie(SPEC, 't', 3600, false)).toBe(
      'page_session=t; Path=/page; Max-Age=3600; HttpOnly; SameSite=Strict',
    );
    expect(sessionCookie(SPEC, 't', 0, true)).toMatch(/; Secure$/);
  });

  it('makes unguessable tokens and stores only their hash', () => {
    const token = newSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSessionToken()).not.toBe(token);
    expect(hashSessionToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSessionToken(token)).not.toContain(token);
  });

  it('reads the key of a sign-in body, whatever the body is', () => {
    expect(signInKeyOf({ apiKey: 'rl_a.b' })).toBe('rl_a.b');
    expect(signInKeyOf([])).toBeUndefined();
    expect(signInKeyOf(null)).toBeUndefined();
    expect(signInKeyOf('rl_a.b')).toBeUndefined();
  });

  it('gives the whole seconds left, never negative', () => {
    expect(secondsUntil(new Date(10_999), 1_000)).toBe(9);
    expect(secondsUntil(new Date(0), 1_000)).toBe(0);
  });
});
