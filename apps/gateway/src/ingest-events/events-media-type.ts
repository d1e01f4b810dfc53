/** Media types `POST /v1/events` reads; all are JSON, whose only charset is UTF-8 (RFC 8259). */
export const EVENTS_MEDIA_TYPES = [
  'application/json',
  'application/cloudevents+json',
  'application/cloudevents-batch+json',
] as const;

/**
 * Whether a Content-Type header names one of EVENTS_MEDIA_TYPES (any case, with no charset or UTF-8).
 * Either body shape (one event or an array) is read under each of them: senders mix them up, and the
 * shape of the JSON is unambiguous anyway.
 */
export function isEventsMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [essence, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (!(EVENTS_MEDIA_TYPES as readonly string[]).includes(essence)) return false;
  return parameters.every((parameter) => {
    const [name, value = ''] = parameter.split('=', 2).map((part) => part.trim());
    return name !== 'charset' || ['utf-8', 'utf8'].includes(value.replace(/^"(.*)"$/, '$1'));
  });
}
