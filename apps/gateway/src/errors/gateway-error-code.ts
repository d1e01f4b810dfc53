/**
 * Request-level failures of the gateway, answered as `{ code, message }`. The codes are part of the
 * partner contract (partners' tooling matches on them): never rename one. The HTTP status of each code
 * lives here and nowhere else, so the exception filter and the OpenAPI document cannot disagree.
 */
export const GatewayErrorCode = {
  MALFORMED_JSON: 'GATEWAY.MALFORMED_JSON',
  INVALID_BODY: 'GATEWAY.INVALID_BODY',
  EMPTY_BATCH: 'GATEWAY.EMPTY_BATCH',
  BATCH_TOO_LARGE: 'GATEWAY.BATCH_TOO_LARGE',
  MISSING_API_KEY: 'GATEWAY.MISSING_API_KEY',
  INVALID_API_KEY: 'GATEWAY.INVALID_API_KEY',
  NOT_FOUND: 'GATEWAY.NOT_FOUND',
  PAYLOAD_TOO_LARGE: 'GATEWAY.PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'GATEWAY.UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'GATEWAY.RATE_LIMITED',
  INTERNAL: 'GATEWAY.INTERNAL',
  KAFKA_UNAVAILABLE: 'GATEWAY.KAFKA_UNAVAILABLE',
  STATION_NOT_SIGNED_IN: 'GATEWAY.STATION_NOT_SIGNED_IN',
  STATION_SESSION_EXPIRED: 'GATEWAY.STATION_SESSION_EXPIRED',
  STATION_NOT_A_WORKSHOP_KEY: 'GATEWAY.STATION_NOT_A_WORKSHOP_KEY',
  STATION_HEADER_MISSING: 'GATEWAY.STATION_HEADER_MISSING',
  STATION_TRACKER_UNAVAILABLE: 'GATEWAY.STATION_TRACKER_UNAVAILABLE',
  STATION_INVALID_DEVICE_ID: 'GATEWAY.STATION_INVALID_DEVICE_ID',
} as const;
export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];

export interface GatewayErrorSpec {
  status: number;
  /** For the OpenAPI document: when a partner gets this code. */
  meaning: string;
}

export const GATEWAY_ERRORS: Readonly<Record<GatewayErrorCode, GatewayErrorSpec>> = {
  [GatewayErrorCode.MALFORMED_JSON]: { status: 400, meaning: 'the body is empty, not UTF-8 or not JSON' },
  [GatewayErrorCode.INVALID_BODY]: {
    status: 400,
    meaning: 'the JSON body is neither an event object nor an array of events',
  },
  [GatewayErrorCode.EMPTY_BATCH]: { status: 400, meaning: 'the body is an empty array' },
  [GatewayErrorCode.BATCH_TOO_LARGE]: { status: 400, meaning: 'the array holds more than 1000 events' },
  [GatewayErrorCode.MISSING_API_KEY]: {
    status: 401,
    meaning: 'neither `Authorization: Bearer <key>` nor `X-API-Key` was sent',
  },
  [GatewayErrorCode.INVALID_API_KEY]: {
    status: 401,
    meaning: 'the key is malformed, unknown or revoked (one answer for all three)',
  },
  [GatewayErrorCode.NOT_FOUND]: { status: 404, meaning: 'no such route' },
  [GatewayErrorCode.PAYLOAD_TOO_LARGE]: {
    status: 413,
    meaning: 'the body is larger than GATEWAY_MAX_BODY_BYTES (2 MiB by default)',
  },
  [GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE]: {
    status: 415,
    meaning:
      'Content-Type is not application/json, application/cloudevents+json or ' +
      'application/cloudevents-batch+json in UTF-8, or the Content-Encoding is not supported',
  },
  [GatewayErrorCode.RATE_LIMITED]: {
    status: 429,
    meaning: 'the API key sent more events than its token bucket holds; retry after `Retry-After` seconds',
  },
  [GatewayErrorCode.INTERNAL]: { status: 500, meaning: 'an unexpected fault; nothing internal is disclosed' },
  [GatewayErrorCode.KAFKA_UNAVAILABLE]: {
    status: 503,
    meaning:
      'Kafka did not acknowledge in time: no event of the request is accepted; send the same request ' +
      'again (events re-sent with the same id and payload are de-duplicated downstream)',
  },
  [GatewayErrorCode.STATION_NOT_SIGNED_IN]: {
    status: 401,
    meaning: 'a scan station route was called without a station session cookie, or with an unknown one',
  },
  [GatewayErrorCode.STATION_SESSION_EXPIRED]: {
    status: 401,
    meaning:
      'the station session expired (GATEWAY_STATION_SESSION_MINUTES) or its key was revoked: sign in again',
  },
  [GatewayErrorCode.STATION_NOT_A_WORKSHOP_KEY]: {
    status: 403,
    meaning:
      'the key is valid but not a workshop key: its partner must be scoped to exactly one workshop and ' +
      'allowed the workshop event types',
  },
  [GatewayErrorCode.STATION_HEADER_MISSING]: {
    status: 403,
    meaning: 'a mutating station route was called without `X-Station: 1` (cross-site request defence)',
  },
  [GatewayErrorCode.STATION_TRACKER_UNAVAILABLE]: {
    status: 503,
    meaning: 'the tracker did not answer the station device read (GATEWAY_TRACKER_URL); try again',
  },
  [GatewayErrorCode.STATION_INVALID_DEVICE_ID]: {
    status: 400,
    meaning: 'the device id of a station read is not an IMEI or serial id as the contracts normalise them',
  },
};
