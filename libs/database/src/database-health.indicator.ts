import { DependencyHealth, HealthIndicator, probe } from '@refurb/health';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class DatabaseHealthIndicator implements HealthIndicator {
  readonly dependency = 'postgres';

  constructor(private readonly dataSource: DataSource) {}

  check(): Promise<DependencyHealth> {
    return probe(this.dependency, () => this.dataSource.query('SELECT 1'));
  }
}
