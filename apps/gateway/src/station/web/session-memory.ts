import type { StationSessionView } from '../station-session-view';

/**
 * The last session's workshop and expiry (never the key, and not the cookie, which the page cannot
 * read): lets a reload while the gateway is unreachable keep recording steps for the same workshop.
 */
const KEY = 'refurb-station-session';

export const sessionMemory = {
  remember(session: StationSessionView): void {
    localStorage.setItem(KEY, JSON.stringify(session));
  },
  forget(): void {
    localStorage.removeItem(KEY);
  },
  recall(now = Date.now()): StationSessionView | null {
    try {
      const session = JSON.parse(localStorage.getItem(KEY) ?? 'null') as StationSessionView | null;
      return session && Date.parse(session.expiresAt) > now ? session : null;
    } catch {
      return null;
    }
  },
};
