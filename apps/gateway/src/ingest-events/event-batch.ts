import { TextDecoder } from 'node:util';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayException } from '../errors/gateway.exception';
import { isJsonObject } from '@refurb/contracts';

/** Most events one request may carry. */
export const MAX_BATCH_EVENTS = 1000;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(body: Buffer | undefined): unknown {
  if (body === undefined || body.length === 0) {
    throw new GatewayException(
      GatewayErrorCode.MALFORMED_JSON,
      'the body is empty: send a CloudEvent or an array of them',
    );
  }
  let text: string;
  try {
    // The decoder drops a leading BOM.
    text = UTF8.decode(body);
  } catch {
    throw new GatewayException(GatewayErrorCode.MALFORMED_JSON, 'the body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    // JSON.parse's message names the position of the fault and nothing about the server.
    const reason = error instanceof SyntaxError ? `: ${error.message}` : '';
    throw new GatewayException(GatewayErrorCode.MALFORMED_JSON, `the body is not valid JSON${reason}`);
  }
}

/**
 * The raw body of `POST /v1/events` as the list of events it carries: one object is a batch of one.
 * Throws the request-level error (400) when the body cannot be a batch; what is inside each event is
 * the use case's business, answered per event.
 */
export function readEventBatch(body: Buffer | undefined): unknown[] {
  const parsed = parseJson(body);
  if (isJsonObject(parsed)) return [parsed];
  if (!Array.isArray(parsed)) {
    throw new GatewayException(
      GatewayErrorCode.INVALID_BODY,
      'the body must be a CloudEvent (JSON object) or an array of CloudEvents',
    );
  }
  if (parsed.length === 0) {
    throw new GatewayException(GatewayErrorCode.EMPTY_BATCH, 'the batch is empty: send 1 to 1000 events');
  }
  if (parsed.length > MAX_BATCH_EVENTS) {
    throw new GatewayException(
      GatewayErrorCode.BATCH_TOO_LARGE,
      `the batch holds ${parsed.length} events, more than ${MAX_BATCH_EVENTS}: split it`,
    );
  }
  return parsed;
}
