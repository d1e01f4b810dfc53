import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Project, ProjectChanges, ProjectRepository } from '../storage/project.repository';

/**
 * Creates or updates a credit project. A new discount applies to batches closed afterwards; a closed
 * batch keeps the discount it was closed with.
 */
@Injectable()
export class UpsertProjectHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectRepository,
  ) {}

  upsert(changes: ProjectChanges): Promise<Project> {
    return this.projects.upsert(this.dataSource.manager, changes);
  }
}
