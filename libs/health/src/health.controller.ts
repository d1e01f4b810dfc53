import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DependencyHealth, HEALTH_INDICATORS, HealthIndicator } from './dependency-health';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, DependencyHealth>;
}

@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[]) {}

  /** `GET /health/live`: the process answers. Restart it only when this fails, never for a dependency. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * `GET /health/ready` (and `GET /health`): 200 when every dependency is up, 503 naming the ones that
   * are not, with a reason code and never raw error text.
   */
  @Get(['', 'ready'])
  async ready(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const results = await Promise.all(
      this.indicators.map(async (i) => [i.dependency, await i.check()] as const),
    );
    const checks = Object.fromEntries(results);
    const healthy = results.every(([, result]) => result.status === 'up');
    response.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: healthy ? 'ok' : 'unavailable', checks };
  }
}
