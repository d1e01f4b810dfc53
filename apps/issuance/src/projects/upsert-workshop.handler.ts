import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IssuanceException } from '../issuance.exception';
import { ProjectRepository } from '../storage/project.repository';
import { Workshop, WorkshopChanges, WorkshopRepository } from '../storage/workshop.repository';

/**
 * Creates a workshop or moves it to another project. Lines already placed keep their project; credits
 * placed from now on (and waiting ones, at the next place-pending) go to the new one.
 */
@Injectable()
export class UpsertWorkshopHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectRepository,
    private readonly workshops: WorkshopRepository,
  ) {}

  upsert(changes: WorkshopChanges): Promise<Workshop> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.projects.find(manager, changes.projectId))) {
        throw new IssuanceException('ISSUANCE.PROJECT_NOT_FOUND', `no project ${changes.projectId}`);
      }
      return this.workshops.upsert(manager, changes);
    });
  }
}
