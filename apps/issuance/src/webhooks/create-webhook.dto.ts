import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { TextField } from '../http/text-field.decorator';

export class CreateWebhookDto {
  /** Checked by checkWebhookUrl (https, or http to a loopback host). */
  @ApiProperty({ description: 'https URL (http only to a loopback host)', maxLength: 2_000 })
  @IsString()
  @MaxLength(2_000)
  url!: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @TextField(200)
  description?: string;
}
