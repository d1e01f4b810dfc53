import { BadRequestException } from '@nestjs/common';
import { BatchException } from '@refurb/issuance';
import { IssuanceException } from '../issuance.exception';
import { errorResponse } from './error-response';

describe('errorResponse', () => {
  it.each<[Error, number, string]>([
    [new IssuanceException('AUTH.MISSING_API_KEY', 'x'), 401, 'AUTH.MISSING_API_KEY'],
    [new IssuanceException('AUTH.INVALID_API_KEY', 'x'), 401, 'AUTH.INVALID_API_KEY'],
    [new IssuanceException('AUTH.FORBIDDEN', 'x'), 403, 'AUTH.FORBIDDEN'],
    [new IssuanceException('ISSUANCE.BATCH_NOT_FOUND', 'x'), 404, 'ISSUANCE.BATCH_NOT_FOUND'],
    [new IssuanceException('ISSUANCE.INVALID_REQUEST', 'x'), 400, 'ISSUANCE.INVALID_REQUEST'],
    [new BatchException('BATCH.INVALID_TRANSITION', 'x'), 409, 'BATCH.INVALID_TRANSITION'],
    [new BatchException('BATCH.INVALID_AMOUNT', 'x'), 422, 'BATCH.INVALID_AMOUNT'],
    [new BadRequestException('bad json'), 400, 'HTTP.400'],
  ])('maps %s to %i', (error, status, code) => {
    expect(errorResponse(error)).toMatchObject({ status, body: { code } });
  });

  it('describes an unexpected error without its internals', () => {
    expect(errorResponse(new Error('password=secret at db.internal'))).toEqual({
      status: 500,
      body: { code: 'ISSUANCE.INTERNAL_ERROR', message: 'internal error' },
    });
  });
});
