import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/roles.decorator';
import { IssuanceApi } from '../http/issuance-api.decorator';
import { WorkshopParamsDto } from './project-params.dto';
import { UpsertWorkshopDto } from './upsert-workshop.dto';
import { UpsertWorkshopHandler } from './upsert-workshop.handler';
import { Workshop, WorkshopRepository } from '../storage/workshop.repository';

@IssuanceApi()
@Controller('v1/workshops')
export class WorkshopsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workshops: WorkshopRepository,
    private readonly upsertWorkshop: UpsertWorkshopHandler,
  ) {}

  @Get()
  @Roles('admin')
  list(): Promise<Workshop[]> {
    return this.workshops.list(this.dataSource.manager);
  }

  /** Creates the workshop, or moves it to another project for credits placed from now on. */
  @Put(':id')
  @Roles('admin')
  upsert(@Param() params: WorkshopParamsDto, @Body() body: UpsertWorkshopDto): Promise<Workshop> {
    return this.upsertWorkshop.upsert({
      id: params.id,
      name: body.name,
      projectId: body.projectId,
      validFrom: body.validFrom === undefined ? undefined : new Date(body.validFrom),
    });
  }
}
