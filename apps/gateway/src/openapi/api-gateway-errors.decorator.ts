import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { GATEWAY_ERRORS, GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayErrorDto } from '../errors/gateway-error.dto';

/**
 * Documents the request-level errors an operation can answer, one response per HTTP status listing
 * each code and its meaning, from the same table the exception filter answers with.
 */
export function ApiGatewayErrors(...codes: GatewayErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, GatewayErrorCode[]>();
  for (const code of codes) {
    const status = GATEWAY_ERRORS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ...[...byStatus].map(([status, sameStatus]) =>
      ApiResponse({
        status,
        type: GatewayErrorDto,
        description: sameStatus.map((code) => `\`${code}\`: ${GATEWAY_ERRORS[code].meaning}`).join('; '),
        headers:
          status === 429
            ? {
                'Retry-After': {
                  description: 'Seconds to wait before retrying',
                  schema: { type: 'integer' },
                },
              }
            : undefined,
      }),
    ),
  );
}
