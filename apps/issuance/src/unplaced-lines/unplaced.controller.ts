import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/roles.decorator';
import { IssuanceApi } from '../http/issuance-api.decorator';
import { UnplacedLine, UnplacedLinesQuery } from './unplaced-lines.query';
import { ListUnplacedQueryDto } from './list-unplaced-query.dto';
import { PlacePendingHandler, PlacePendingResult } from '../place-credit-lines/place-pending.handler';

/** Lines that wait for configuration (unknown workshop...), and placing them once it is done. */
@IssuanceApi()
@Controller('v1/unplaced')
export class UnplacedController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lines: UnplacedLinesQuery,
    private readonly placePending: PlacePendingHandler,
  ) {}

  @Get()
  @Roles('finance', 'admin')
  list(@Query() query: ListUnplacedQueryDto): Promise<UnplacedLine[]> {
    return this.lines.list(this.dataSource.manager, query.limit);
  }

  @Post('place')
  @HttpCode(200)
  @Roles('admin')
  place(): Promise<PlacePendingResult> {
    return this.placePending.placePending();
  }
}
