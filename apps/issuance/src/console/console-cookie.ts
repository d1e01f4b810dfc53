import { SessionCookieSpec } from '@refurb/auth';

/**
 * The console's session cookie. Its path is the whole service because the page calls the very /v1 routes
 * a finance system calls (so what it shows is what the API answers); the guard accepts it only with the
 * console's header (CONSOLE_HEADER), which no other site's page can send.
 */
export const CONSOLE_COOKIE: SessionCookieSpec = { name: 'console_session', path: '/' };

/** Sent by the console page on every call; a cross-site form or link cannot set it (CSRF defence). */
export const CONSOLE_HEADER = 'x-console';
