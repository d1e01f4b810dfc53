import { MAX_EVENT_BYTES, RejectionCode } from '@refurb/contracts';
import {
  ACCEPTED,
  BadInputCase,
  corpusBodyBytes,
  CorpusOutcome,
  expectedAtDoor,
} from '@refurb/contracts/testing';
import { GatewayErrorCode } from '../../apps/gateway/src/errors/gateway-error-code';

/** What `POST /v1/events` must do with one corpus case. */
export interface HttpDoorExpectation {
  /** 202 when the gateway answers the event itself; the 4xx of the request when it refuses the body. */
  status: number;
  /** The door's answer: the request's error code, the event's rejection code, or ACCEPTED. */
  atDoor: string;
  /** The end of the message: its code when refused at the door, else what the tracker makes of it. */
  outcome: string;
}

/** One request of the run: the exact body and its media type. */
export interface HttpDoorRequest {
  body: Buffer;
  contentType: string;
  /** The JSON value the gateway answers as the request's only event; absent when the body is not JSON. */
  event?: unknown;
}

/**
 * Kafka-door codes that at the HTTP door mean the body cannot be read at all: the gateway refuses the
 * whole request (an empty body is not JSON there, whereas a Kafka tombstone is a message without one).
 */
const REFUSED_BODY: Partial<Record<CorpusOutcome, { status: number; code: string }>> = {
  [RejectionCode.MALFORMED_JSON]: { status: 400, code: GatewayErrorCode.MALFORMED_JSON },
  [RejectionCode.EMPTY_MESSAGE]: { status: 400, code: GatewayErrorCode.MALFORMED_JSON },
};

/**
 * Cases the HTTP door answers differently from the Kafka door by design; each says why. The corpus
 * records one expectation per case, which is the Kafka door's.
 */
export const HTTP_DOOR_DIFFERENCES: Readonly<Record<string, { outcome: CorpusOutcome; because: string }>> = {
  'source missing': {
    outcome: ACCEPTED,
    because: 'the gateway sets source to partners/<partner of the API key>, whatever the body says',
  },
  'source as an object': {
    outcome: ACCEPTED,
    because: 'the gateway sets source to partners/<partner of the API key>, whatever the body says',
  },
  'spreadsheet formula in source': {
    outcome: ACCEPTED,
    because: 'the gateway sets source to partners/<partner of the API key>, whatever the body says',
  },
  [`payload over MAX_EVENT_BYTES (${MAX_EVENT_BYTES})`]: {
    outcome: RejectionCode.INVALID_STRING,
    because:
      'the HTTP door bounds the request body (GATEWAY_MAX_BODY_BYTES, 2 MiB), not each event; the ' +
      'event is validated and its 64 KiB data.model breaks the length rule of that field',
  },
};

export function expectedAtHttpDoor(testCase: BadInputCase): HttpDoorExpectation {
  const refused = 'raw' in testCase.body ? REFUSED_BODY[testCase.expectedCode] : undefined;
  if (refused) return { status: refused.status, atDoor: refused.code, outcome: refused.code };
  const difference = HTTP_DOOR_DIFFERENCES[testCase.name];
  if (difference) return { status: 202, atDoor: difference.outcome, outcome: difference.outcome };
  const atDoor = expectedAtDoor(testCase);
  return { status: 202, atDoor, outcome: atDoor === ACCEPTED ? testCase.expectedCode : atDoor };
}

/**
 * A JSON case as a batch of one, so that the gateway validates exactly the case's value as one event
 * (alone, an array would be read as a batch and a string or null refused as a body); a raw case as its
 * exact bytes.
 */
export function httpRequestOf(testCase: BadInputCase): HttpDoorRequest {
  if ('json' in testCase.body) {
    const { json } = testCase.body;
    return {
      body: Buffer.from(JSON.stringify([json]), 'utf8'),
      contentType: 'application/cloudevents-batch+json',
      event: JSON.parse(JSON.stringify(json)) as unknown,
    };
  }
  const body = corpusBodyBytes(testCase) ?? Buffer.alloc(0);
  return { body, contentType: 'application/cloudevents+json', event: parseOrUndefined(body) };
}

function parseOrUndefined(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
