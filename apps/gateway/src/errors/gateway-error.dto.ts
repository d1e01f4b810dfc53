import { ApiProperty } from '@nestjs/swagger';
import { GatewayErrorCode } from './gateway-error-code';
import { GatewayErrorBody } from './gateway-exception.filter';

/** Body of every request-level error (4xx, 5xx). */
export class GatewayErrorDto implements GatewayErrorBody {
  @ApiProperty({ enum: Object.values(GatewayErrorCode), example: GatewayErrorCode.INVALID_API_KEY })
  code!: GatewayErrorCode;

  @ApiProperty({ description: 'For people; match on `code`' })
  message!: string;
}
