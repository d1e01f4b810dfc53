import { isIP } from 'node:net';

export type WebhookUrlCheck = { ok: true; url: string } | { ok: false; problem: string };

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/**
 * A subscription's URL: HTTPS, so the signed records and the receiver's answers travel encrypted;
 * plain HTTP only to a loopback host (a local receiver, the tests), where nothing crosses a network.
 * No credentials in the URL (they would show in the delivery log) and no fragment (never sent).
 */
export function checkWebhookUrl(raw: string): WebhookUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: 'is not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, problem: `must be https, not ${url.protocol.replace(':', '')}` };
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return {
      ok: false,
      problem: 'must be https (http only for a loopback host: localhost, 127.0.0.0/8, ::1)',
    };
  }
  if (url.username || url.password) return { ok: false, problem: 'must not carry credentials' };
  if (url.hash) return { ok: false, problem: 'must not have a fragment' };
  return { ok: true, url: url.toString() };
}
