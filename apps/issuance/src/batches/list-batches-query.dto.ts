import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { BATCH_STATES, BatchState } from '@refurb/contracts';
import { PageQueryDto } from '../page-query.dto';

export class ListBatchesQueryDto extends PageQueryDto {
  @IsOptional()
  @IsString()
  project?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(9999)
  vintage?: number;

  @IsOptional()
  @IsIn(BATCH_STATES)
  state?: BatchState;
}
