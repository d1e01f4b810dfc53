import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCountryCode } from '@refurb/contracts';
import { TextField } from '../http/text-field.decorator';

export class UpsertProjectDto {
  @TextField(200)
  company!: string;

  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @IsCountryCode()
  country!: string;

  /** Uncertainty discount applied when the project's batches close (DEFAULT_DISCOUNT_BP for a new project). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  discountBp?: number;
}
