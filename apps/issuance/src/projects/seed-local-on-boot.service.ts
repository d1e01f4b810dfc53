import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SeedLocalHandler } from './seed-local.handler';

/** With ISSUANCE_SEED_LOCAL=true, a local stack starts with the demo projects and workshops configured. */
@Injectable()
export class SeedLocalOnBootService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedLocalOnBootService.name);

  constructor(private readonly seedLocal: SeedLocalHandler) {}

  async onApplicationBootstrap(): Promise<void> {
    const { projects, workshops } = await this.seedLocal.seed();
    this.logger.log(`Seeded ${projects.length} local projects and ${workshops.length} workshops`);
  }
}
