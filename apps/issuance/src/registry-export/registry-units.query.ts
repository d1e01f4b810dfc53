import { Injectable } from '@nestjs/common';
import { RegistryUnitsExport, toRegistryUnits } from '@refurb/issuance';
import { DataSource } from 'typeorm';
import { IssuanceException } from '../issuance.exception';
import { toBatchSnapshot } from '../storage/batch-row';
import { BatchRepository } from '../storage/batch.repository';
import { ProjectRepository } from '../storage/project.repository';

/** A closed batch's units as registry records (libs/issuance registry-units), from its frozen figures. */
@Injectable()
export class RegistryUnitsQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchRepository,
    private readonly projects: ProjectRepository,
  ) {}

  async export(batchId: string): Promise<RegistryUnitsExport> {
    // One snapshot: the batch, its project and its lines read as of the same moment.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const batch = await this.batches.find(manager, batchId);
      if (!batch) throw new IssuanceException('ISSUANCE.BATCH_NOT_FOUND', `no batch ${batchId}`);
      const project = await this.projects.find(manager, batch.project_id);
      if (!project)
        throw new IssuanceException('ISSUANCE.PROJECT_NOT_FOUND', `no project ${batch.project_id}`);
      return toRegistryUnits(toBatchSnapshot(batch), project, await this.batches.lineKinds(manager, batchId));
    });
  }
}
