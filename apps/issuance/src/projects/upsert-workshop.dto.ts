import { IsOptional, Matches } from 'class-validator';
import { IsRfc3339 } from '@refurb/contracts';
import { TextField } from '../http/text-field.decorator';

export class UpsertWorkshopDto {
  @TextField(200)
  name!: string;

  @Matches(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, { message: 'must be a project id such as FR-01' })
  projectId!: string;

  /** When the workshop joins the project; defaults to now. */
  @IsOptional()
  @IsRfc3339()
  validFrom?: string;
}
