export const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

interface MediaType {
  /** `type/subtype`, lower-cased. */
  essence: string;
  charset?: string;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function parseMediaType(value: string): MediaType | undefined {
  const [head, ...parameters] = value.split(';');
  const [type, subtype, extra] = head.trim().toLowerCase().split('/');
  if (extra !== undefined || !type || !subtype || !TOKEN.test(type) || !TOKEN.test(subtype)) return undefined;
  let charset: string | undefined;
  for (const parameter of parameters) {
    const equals = parameter.indexOf('=');
    if (equals === -1) continue;
    if (parameter.slice(0, equals).trim().toLowerCase() === 'charset') {
      charset = parameter
        .slice(equals + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
    }
  }
  return { essence: `${type}/${subtype}`, charset };
}

// JSON is UTF-8 by definition (RFC 8259); a declared other charset means the bytes are not what we parse.
function hasUtf8Charset(mediaType: MediaType): boolean {
  return mediaType.charset === undefined || mediaType.charset === 'utf-8' || mediaType.charset === 'utf8';
}

/** Any CloudEvents format (`application/cloudevents+json`, `...-batch+json`, `+avro`, ...). */
export function isCloudEventsMediaType(value: string): boolean {
  return parseMediaType(value)?.essence.startsWith('application/cloudevents') ?? false;
}

/** The one structured format accepted: a single event as UTF-8 JSON. */
export function isStructuredJsonMediaType(value: string): boolean {
  const mediaType = parseMediaType(value);
  return mediaType?.essence === 'application/cloudevents+json' && hasUtf8Charset(mediaType);
}

/** Event data in JSON: `application/json` or a `+json` structured-syntax suffix, in UTF-8. */
export function isJsonMediaType(value: string): boolean {
  const mediaType = parseMediaType(value);
  if (!mediaType || !hasUtf8Charset(mediaType)) return false;
  if (mediaType.essence.startsWith('application/cloudevents')) return false;
  return mediaType.essence === 'application/json' || mediaType.essence.endsWith('+json');
}
