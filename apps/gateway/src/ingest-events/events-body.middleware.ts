import { Injectable, NestMiddleware } from '@nestjs/common';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayException } from '../errors/gateway.exception';
import { GatewayEnv } from '../gateway.env';
import { readEventBatch } from './event-batch';
import { EVENTS_MEDIA_TYPES, isEventsMediaType } from './events-media-type';

/** The `type` body-parser gives its errors (http-errors); only the ones that are the client's fault. */
function bodyReadError(error: unknown, maxBytes: number): unknown {
  switch ((error as { type?: string }).type) {
    case 'entity.too.large':
      return new GatewayException(
        GatewayErrorCode.PAYLOAD_TOO_LARGE,
        `the body is larger than ${maxBytes} bytes: send smaller batches`,
      );
    case 'encoding.unsupported':
      return new GatewayException(
        GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'unsupported Content-Encoding: send identity, gzip, deflate or br',
      );
    default:
      return error;
  }
}

/**
 * Reads the body of `POST /v1/events` in place of a generic JSON parser, so that every way a body can
 * be refused (media type, size, encoding, JSON, shape) answers with a gateway code instead of
 * express's defaults. Leaves `request.body` as the array of raw events.
 */
@Injectable()
export class EventsBodyMiddleware implements NestMiddleware {
  private readonly readRaw: RequestHandler;
  private readonly maxBytes: number;

  constructor(env: GatewayEnv) {
    this.maxBytes = env.GATEWAY_MAX_BODY_BYTES;
    this.readRaw = express.raw({ type: () => true, limit: this.maxBytes });
  }

  use(request: Request, response: Response, next: NextFunction): void {
    if (!isEventsMediaType(request.headers['content-type'])) {
      next(
        new GatewayException(
          GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE,
          `Content-Type must be one of ${EVENTS_MEDIA_TYPES.join(', ')} (UTF-8)`,
        ),
      );
      return;
    }
    void this.readRaw(request, response, (error?: unknown) => {
      if (error) {
        next(bodyReadError(error, this.maxBytes));
        return;
      }
      try {
        // body-parser leaves the body undefined when the request has none.
        request.body = readEventBatch(Buffer.isBuffer(request.body) ? request.body : undefined);
      } catch (refused) {
        next(refused);
        return;
      }
      next();
    });
  }
}
