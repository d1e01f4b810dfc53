import { IsOptional, IsString, MaxLength } from 'class-validator';
import { TextField } from '../http/text-field.decorator';

export class CreateWebhookDto {
  /** Checked by checkWebhookUrl (https, or http to a loopback host). */
  @IsString()
  @MaxLength(2_000)
  url!: string;

  @IsOptional()
  @TextField(200)
  description?: string;
}
