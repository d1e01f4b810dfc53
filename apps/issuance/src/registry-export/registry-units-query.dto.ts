import { IsIn, IsOptional } from 'class-validator';

export class RegistryUnitsQueryDto {
  /** `csv` for the spreadsheet form; JSON otherwise. */
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
