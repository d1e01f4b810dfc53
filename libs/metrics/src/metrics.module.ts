import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { Registry } from 'prom-client';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { createServiceRegistry } from './service-registry';

/**
 * `GET /metrics` and HTTP request timing for one service. Global: the service's use cases inject the
 * `Registry` (prom-client's class is the token) to register their own metrics in it.
 */
@Module({})
export class MetricsModule implements NestModule {
  static forService(): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [{ provide: Registry, useFactory: createServiceRegistry }],
      exports: [Registry],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
