import { TextField } from '../http/text-field.decorator';

export class IssueBatchDto {
  @TextField(200)
  registryReference!: string;
}
