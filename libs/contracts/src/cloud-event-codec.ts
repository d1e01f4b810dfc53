import { TextDecoder } from 'util';
import { canonicalJson } from './canonical-json';
import { AnyDeviceEvent } from './device-event';
import {
  isCloudEventsMediaType,
  isJsonMediaType,
  isStructuredJsonMediaType,
  STRUCTURED_CONTENT_TYPE,
} from './media-type';
import { reject, Rejected, RejectionCode } from './rejection';
import { isJsonObject } from './json-object';

/** Shape of kafkajs `IHeaders`, declared here so that contracts stays free of transport libraries. */
export type KafkaHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/** The part of a kafkajs `KafkaMessage` the codec reads. */
export interface KafkaMessageLike {
  value: Buffer | null;
  headers?: KafkaHeaders;
}

export type CloudEventMode = 'structured' | 'binary';

export type DecodedCloudEvent =
  { ok: true; mode: CloudEventMode; envelope: Record<string, unknown> } | Rejected;

/** Far above any real device event (about 1 KB); bounds the work a hostile message can cause. */
export const MAX_EVENT_BYTES = 64 * 1024;

export interface DecodeCloudEventOptions {
  maxBytes?: number;
}

/** Headers to send with a body from encodeStructured. */
export const STRUCTURED_HEADERS: Readonly<Record<string, string>> = {
  'content-type': STRUCTURED_CONTENT_TYPE,
};

const CE_PREFIX = 'ce_';
const CONTENT_TYPE = 'content-type';
// Never taken from headers: in binary mode the body is the data.
const BODY_ATTRIBUTES: ReadonlySet<string> = new Set(['data', 'data_base64']);
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

function parseJson(body: Buffer | string): { ok: true; value: unknown } | Rejected {
  // A leading BOM is dropped by the decoder for buffers; strings from HTTP frameworks may still carry one.
  const text = typeof body === 'string' ? body.replace(/^\uFEFF/, '') : decodeUtf8(body);
  if (text === undefined) return reject(RejectionCode.MALFORMED_JSON, 'body is not valid UTF-8');
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unparseable';
    return reject(RejectionCode.MALFORMED_JSON, `body is not valid JSON: ${reason}`);
  }
}

/**
 * The CloudEvents headers (`ce_*`, case-insensitive) and `content-type`, as strings. Other headers
 * (tracing, partner metadata) are not read, so whatever they hold cannot get a message rejected.
 */
function readEventHeaders(headers: KafkaHeaders): { ok: true; headers: Map<string, string> } | Rejected {
  const read = new Map<string, string>();
  for (const [rawName, rawValue] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (!name.startsWith(CE_PREFIX) && name !== CONTENT_TYPE) continue;
    if (rawValue === undefined) continue;
    const values = Array.isArray(rawValue) ? rawValue : [rawValue];
    if (values.length === 0) continue;
    if (values.length > 1 || read.has(name)) {
      return reject(RejectionCode.INVALID_HEADER, `header ${name} is repeated`, name);
    }
    const value = typeof values[0] === 'string' ? values[0] : decodeUtf8(values[0]);
    if (value === undefined)
      return reject(RejectionCode.INVALID_HEADER, `header ${name} is not valid UTF-8`, name);
    read.set(name, value);
  }
  return { ok: true, headers: read };
}

/**
 * A structured-mode body (one event as JSON) to the raw envelope object; for Kafka messages and HTTP
 * bodies alike. Validation of its content is validateDeviceEvent's job.
 */
export function decodeStructuredBody(body: Buffer | string | null): DecodedCloudEvent {
  if (body === null || body.length === 0) return reject(RejectionCode.EMPTY_MESSAGE, 'message has no body');
  const parsed = parseJson(body);
  if (!parsed.ok) return parsed;
  if (!isJsonObject(parsed.value))
    return reject(RejectionCode.NOT_AN_OBJECT, 'a structured CloudEvent must be a JSON object');
  return { ok: true, mode: 'structured', envelope: parsed.value };
}

function decodeBinary(value: Buffer | null, headers: Map<string, string>): DecodedCloudEvent {
  const envelope: Record<string, unknown> = {};
  for (const [name, headerValue] of headers) {
    const attribute = name.slice(CE_PREFIX.length);
    if (name.startsWith(CE_PREFIX) && attribute.length > 0 && !BODY_ATTRIBUTES.has(attribute)) {
      envelope[attribute] = headerValue;
    }
  }
  const contentType = headers.get(CONTENT_TYPE);
  if (contentType !== undefined) {
    if (!isJsonMediaType(contentType)) {
      return reject(
        RejectionCode.UNSUPPORTED_CONTENT_TYPE,
        `data content type ${contentType} is not JSON`,
        CONTENT_TYPE,
      );
    }
    envelope.datacontenttype = contentType;
  }
  // No body leaves `data` absent, which the validator reports as a missing field.
  if (value !== null && value.length > 0) {
    const data = parseJson(value);
    if (!data.ok) return data;
    envelope.data = data.value;
  }
  return { ok: true, mode: 'binary', envelope };
}

/**
 * A Kafka message to the raw CloudEvents envelope, following the CloudEvents Kafka protocol binding:
 *  - `content-type` `application/cloudevents+json` (any case, charset utf-8 if given): structured mode;
 *    other CloudEvents formats (batch, Avro...) are UNSUPPORTED_CONTENT_TYPE;
 *  - otherwise, any `ce_*` header: binary mode; attributes come from the `ce_*` headers, the body is
 *    the JSON data and `content-type` (JSON, if given) becomes `datacontenttype`;
 *  - otherwise no `content-type` at all: structured mode (what most JSON producers send);
 *  - otherwise (say `application/json` and no `ce_*` header): UNSUPPORTED_CONTENT_TYPE, since it is
 *    impossible to tell an event from bare data.
 * The size limit applies to the body.
 */
export function decodeCloudEvent(
  message: KafkaMessageLike,
  options: DecodeCloudEventOptions = {},
): DecodedCloudEvent {
  const maxBytes = options.maxBytes ?? MAX_EVENT_BYTES;
  const size = message.value?.length ?? 0;
  if (size > maxBytes) {
    return reject(RejectionCode.PAYLOAD_TOO_LARGE, `message body is ${size} bytes, more than ${maxBytes}`);
  }
  const read = readEventHeaders(message.headers ?? {});
  if (!read.ok) return read;
  const contentType = read.headers.get(CONTENT_TYPE);

  if (contentType !== undefined && isCloudEventsMediaType(contentType)) {
    if (!isStructuredJsonMediaType(contentType)) {
      return reject(
        RejectionCode.UNSUPPORTED_CONTENT_TYPE,
        `CloudEvents format ${contentType} is not supported`,
        CONTENT_TYPE,
      );
    }
    return decodeStructuredBody(message.value);
  }
  if ([...read.headers.keys()].some((name) => name.startsWith(CE_PREFIX))) {
    return decodeBinary(message.value, read.headers);
  }
  if (contentType === undefined) return decodeStructuredBody(message.value);
  return reject(
    RejectionCode.UNSUPPORTED_CONTENT_TYPE,
    `content-type ${contentType} without ce_* headers: send ${STRUCTURED_CONTENT_TYPE} or binary mode`,
    CONTENT_TYPE,
  );
}

/**
 * A validated event as a structured-mode body (send with STRUCTURED_HEADERS). Canonical JSON, so the
 * same event always encodes to the same bytes.
 */
export function encodeStructured(event: AnyDeviceEvent): Buffer {
  return Buffer.from(canonicalJson(event), 'utf8');
}
