import { Injectable, NestMiddleware } from '@nestjs/common';
import { json, NextFunction, Request, Response } from 'express';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayException } from '../errors/gateway.exception';

/** A full offline queue of 100 steps is about 60 KiB. */
const STATION_BODY_LIMIT = '256kb';

const parseJson = json({ limit: STATION_BODY_LIMIT });

/** Express's parser failures, in the codes POST /v1/events answers for the same faults. */
export function stationBodyError(error: unknown): GatewayException {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  if (type === 'entity.too.large') {
    return new GatewayException(
      GatewayErrorCode.PAYLOAD_TOO_LARGE,
      `the body is larger than ${STATION_BODY_LIMIT}`,
    );
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new GatewayException(GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE, 'send UTF-8 JSON');
  }
  return new GatewayException(GatewayErrorCode.MALFORMED_JSON, 'the body is not JSON', { cause: error });
}

/** The station's bodies are small JSON (a key, or a queue of steps): Express's parser, bounded. */
@Injectable()
export class StationBodyMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    parseJson(request, response, (error?: unknown) =>
      next(error === undefined ? undefined : stationBodyError(error)),
    );
  }
}
