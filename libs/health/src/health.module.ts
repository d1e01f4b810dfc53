import { DynamicModule, Module, Type } from '@nestjs/common';
import { HEALTH_INDICATORS, HealthIndicator } from './dependency-health';
import { HealthController } from './health.controller';

@Module({})
export class HealthModule {
  /** Serves `/health` over the given indicators, which must be injectable in the importing app. */
  static forIndicators(...indicators: Type<HealthIndicator>[]): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [
        {
          provide: HEALTH_INDICATORS,
          useFactory: (...instances: HealthIndicator[]) => instances,
          inject: indicators,
        },
      ],
    };
  }
}
