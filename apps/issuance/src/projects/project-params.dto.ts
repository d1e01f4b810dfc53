import { Length, Matches } from 'class-validator';
import { IsCleanText } from '@refurb/contracts';

export class ProjectParamsDto {
  @Length(1, 40)
  @Matches(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, {
    message: 'must be upper-case letters and digits in hyphenated groups, e.g. FR-01',
  })
  id!: string;
}

export class WorkshopParamsDto {
  @Length(1, 128)
  @IsCleanText(128)
  @Matches(/^\S(.*\S)?$/, { message: 'must not start or end with white space' })
  id!: string;
}
