import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LOCAL_PROJECTS, LOCAL_WORKSHOPS } from './local-seed';
import { Project, ProjectRepository } from '../storage/project.repository';
import { Workshop, WorkshopRepository } from '../storage/workshop.repository';

/** Upserts the local reference data: running it again puts the seeded rows back to their seed values. */
@Injectable()
export class SeedLocalHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectRepository,
    private readonly workshops: WorkshopRepository,
  ) {}

  seed(): Promise<{ projects: Project[]; workshops: Workshop[] }> {
    return this.dataSource.transaction(async (manager) => {
      const projects: Project[] = [];
      for (const project of LOCAL_PROJECTS) projects.push(await this.projects.upsert(manager, project));
      const workshops: Workshop[] = [];
      for (const workshop of LOCAL_WORKSHOPS) workshops.push(await this.workshops.upsert(manager, workshop));
      return { projects, workshops };
    });
  }
}
