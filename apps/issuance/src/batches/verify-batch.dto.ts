import { TextField } from '../http/text-field.decorator';

export class VerifyBatchDto {
  @TextField(200)
  verifierName!: string;

  @TextField(200)
  reportReference!: string;
}
