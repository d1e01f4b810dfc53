import { applyDecorators, UseFilters, UseGuards, UsePipes, ValidationPipe } from '@nestjs/common';
import { ApiKeySecured } from '@refurb/runtime';
import { ValidationError } from 'class-validator';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { IssuanceException } from '../issuance.exception';
import { IssuanceExceptionFilter } from './issuance-exception.filter';

function describe(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => `${path}: ${problem}`);
    return [...own, ...describe(error.children ?? [], path)];
  });
}

const requestValidation = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) =>
    new IssuanceException('ISSUANCE.INVALID_REQUEST', describe(errors).join('; ')),
});

/**
 * The issuance API's controller set-up: API-key authentication and roles, request validation, and the
 * error filter. Applied per controller rather than globally so the Kafka consumer stays out of it.
 */
export const IssuanceApi = () =>
  applyDecorators(
    UseGuards(ApiKeyGuard),
    UsePipes(requestValidation),
    UseFilters(IssuanceExceptionFilter),
    ApiKeySecured(),
  );
