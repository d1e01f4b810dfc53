import { IncomingMessage, ServerResponse } from 'node:http';
import { authenticatedKeyIdOf } from '@refurb/auth';
import { Params } from 'nestjs-pino';
import { Logger as PinoInstance, LevelWithSilent } from 'pino';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';

type Request = IncomingMessage & { originalUrl?: string; route?: { path?: unknown } };

/** Load balancers and scrapers call these every few seconds: a line each would drown the rest at info. */
const PROBE_PATH = /^\/(health|metrics)(\/|\?|$)/;

function pathOf(request: Request): string {
  return (request.originalUrl ?? request.url ?? '').split('?')[0];
}

/** The route's pattern (`/v1/devices/:deviceId`) once Express has matched one, so lines group by route. */
function routeOf(request: Request): string | undefined {
  const path = request.route?.path;
  if (typeof path !== 'string') return undefined;
  // A middleware that answered (the gateway's key check) is mounted as `/v1/events/`: same route.
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function levelFor(request: Request, response: ServerResponse, error?: Error): LevelWithSilent {
  if (PROBE_PATH.test(pathOf(request))) return 'debug';
  if (error || response.statusCode >= 500) return 'error';
  return response.statusCode >= 400 ? 'warn' : 'info';
}

/**
 * nestjs-pino's settings for a service: one line per HTTP request when it completes, with its method,
 * path, route, status and time; the request id (the caller's X-Request-Id when well formed, else a new
 * UUID, echoed back) on that line and on every line logged while handling the request; and the id of
 * the API key the request was authenticated with, when it was.
 */
export function httpLoggingParams(logger: PinoInstance): Params {
  return {
    pinoHttp: {
      logger,
      genReqId: (request, response) => {
        const id = requestIdFor(request.headers[REQUEST_ID_HEADER.toLowerCase()]);
        response.setHeader(REQUEST_ID_HEADER, id);
        return id;
      },
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'requestId' },
      customLogLevel: levelFor,
      customSuccessMessage: (request, response) =>
        `${request.method} ${pathOf(request)} ${response.statusCode}`,
      customErrorMessage: (request, response) =>
        `${request.method} ${pathOf(request)} ${response.statusCode}`,
      customSuccessObject: (request, _response, value: object) => ({
        ...value,
        route: routeOf(request),
        keyId: authenticatedKeyIdOf(request),
      }),
      customErrorObject: (request, _response, _error, value: object) => ({
        ...value,
        route: routeOf(request),
        keyId: authenticatedKeyIdOf(request),
      }),
    },
  };
}
