import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Histogram, Registry } from 'prom-client';
import { routeLabel } from './route-label';
import { registeredMetric } from './service-registry';

const HTTP_DURATION_METRIC = 'refurb_http_request_duration_seconds';

/** Seconds: from a health check's milliseconds to a 1,000-event request waiting on Kafka. */
const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Times every request, labelled by route pattern (`/v1/devices/:deviceId`, never the raw URL, whose
 * values would make a series per device), method and status. It runs before routing, so requests a
 * guard, a body reader or the not-found handler answer are timed too.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(registry: Registry) {
    this.duration = registeredMetric(
      registry,
      HTTP_DURATION_METRIC,
      () =>
        new Histogram({
          name: HTTP_DURATION_METRIC,
          help: 'HTTP requests by route pattern, method and status code.',
          labelNames: ['method', 'route', 'status'],
          buckets: HTTP_DURATION_BUCKETS,
          registers: [registry],
        }),
    );
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const stop = this.duration.startTimer();
    const before: unknown = request.route;
    response.once('finish', () => {
      const route = routeLabel(request, before);
      stop({ method: request.method, route, status: String(response.statusCode) });
    });
    next();
  }
}
