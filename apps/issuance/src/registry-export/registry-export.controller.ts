import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { registryUnitsCsv, RegistryUnitsExport } from '@refurb/issuance';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator';
import { IssuanceApi } from '../http/issuance-api.decorator';
import { RegistryUnitsQueryDto } from './registry-units-query.dto';
import { RegistryUnitsQuery } from './registry-units.query';

const csvName = (id: string) => `${id.replace(/[^A-Za-z0-9._-]/g, '_')}-registry-units.csv`;

/**
 * A closed batch's credits as registry unit records (CADT v2 unit shape), validated by
 * libs/issuance/schemas/registry-units-export.schema.json; as CSV at `.csv` or with `?format=csv`.
 */
@IssuanceApi()
@Controller('v1/batches')
export class RegistryExportController {
  constructor(private readonly registryUnits: RegistryUnitsQuery) {}

  @Get(':id/registry-units')
  @ApiOperation({
    summary: 'The closed batch as CADT-shaped unit records (schema: registry-units-export.schema.json)',
  })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @Roles('finance', 'verifier')
  async units(
    @Param('id') id: string,
    @Query() query: RegistryUnitsQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RegistryUnitsExport | string> {
    const exported = await this.registryUnits.export(id);
    return query.format === 'csv' ? this.asCsv(id, exported, response) : exported;
  }

  @Get(':id/registry-units.csv')
  @ApiOperation({ summary: 'The same unit records as CSV, one row each under a header' })
  @Roles('finance', 'verifier')
  async unitsCsv(@Param('id') id: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    return this.asCsv(id, await this.registryUnits.export(id), response);
  }

  private asCsv(id: string, exported: RegistryUnitsExport, response: Response): string {
    response.type('text/csv; charset=utf-8');
    response.attachment(csvName(id));
    return registryUnitsCsv(exported);
  }
}
