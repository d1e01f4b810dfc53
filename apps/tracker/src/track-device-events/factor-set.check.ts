import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FactorSetRepository } from '../storage/factor-set.repository';
import { TRACKER_FACTOR_SET_VERSION } from './rederive-device-cycles.handler';

/** Refuses to start with a factor set that does not exist, rather than failing at the first credit. */
@Injectable()
export class FactorSetCheck implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly factorSets: FactorSetRepository,
    @Inject(TRACKER_FACTOR_SET_VERSION) private readonly version: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.factorSets.load(this.dataSource.manager, this.version);
  }
}
