import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ProjectSummary } from '@refurb/issuance';
import { Roles } from '../auth/roles.decorator';
import { BatchQueriesService } from '../batches/batch-queries.service';
import { IssuanceApi } from '../http/issuance-api.decorator';
import { DataSource } from 'typeorm';
import { ProjectParamsDto } from './project-params.dto';
import { Project, ProjectRepository } from './project.repository';
import { UpsertProjectDto } from './upsert-project.dto';
import { UpsertProjectHandler } from './upsert-project.handler';

@IssuanceApi()
@Controller('v1/projects')
export class ProjectsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectRepository,
    private readonly upsertProject: UpsertProjectHandler,
    private readonly queries: BatchQueriesService,
  ) {}

  @Get()
  @Roles('admin', 'finance')
  list(): Promise<Project[]> {
    return this.projects.list(this.dataSource.manager);
  }

  @Put(':id')
  @Roles('admin')
  upsert(@Param() params: ProjectParamsDto, @Body() body: UpsertProjectDto): Promise<Project> {
    return this.upsertProject.execute({ id: params.id, ...body });
  }

  /** Tonnes and credits by vintage and state. */
  @Get(':id/summary')
  @Roles('finance')
  summary(@Param() params: ProjectParamsDto): Promise<ProjectSummary> {
    return this.queries.projectSummary(params.id);
  }
}
