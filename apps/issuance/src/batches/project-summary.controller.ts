import { Controller, Get, Param } from '@nestjs/common';
import { ProjectSummary } from '@refurb/issuance';
import { Roles } from '../auth/roles.decorator';
import { IssuanceApi } from '../http/issuance-api.decorator';
import { ProjectParamsDto } from '../projects/project-params.dto';
import { BatchQueriesService } from './batch-queries.service';

/** A project's batches summed up for finance; served under the project's path, computed from batches. */
@IssuanceApi()
@Controller('v1/projects')
export class ProjectSummaryController {
  constructor(private readonly queries: BatchQueriesService) {}

  /** Tonnes and credits by vintage and state. */
  @Get(':id/summary')
  @Roles('finance')
  summary(@Param() params: ProjectParamsDto): Promise<ProjectSummary> {
    return this.queries.projectSummary(params.id);
  }
}
