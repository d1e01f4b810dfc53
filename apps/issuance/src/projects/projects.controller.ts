import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { Roles } from '../auth/roles.decorator';
import { IssuanceApi } from '../http/issuance-api.decorator';
import { DataSource } from 'typeorm';
import { ProjectParamsDto } from './project-params.dto';
import { Project, ProjectRepository } from '../storage/project.repository';
import { UpsertProjectDto } from './upsert-project.dto';
import { UpsertProjectHandler } from './upsert-project.handler';

@IssuanceApi()
@Controller('v1/projects')
export class ProjectsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectRepository,
    private readonly upsertProject: UpsertProjectHandler,
  ) {}

  @Get()
  @Roles('admin', 'finance')
  list(): Promise<Project[]> {
    return this.projects.list(this.dataSource.manager);
  }

  @Put(':id')
  @Roles('admin')
  upsert(@Param() params: ProjectParamsDto, @Body() body: UpsertProjectDto): Promise<Project> {
    return this.upsertProject.upsert({ id: params.id, ...body });
  }
}
