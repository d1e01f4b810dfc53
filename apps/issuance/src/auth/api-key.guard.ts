import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { apiKeyFromHeaders, parseApiKey, secretMatches } from '@refurb/auth';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { IssuanceException } from '../issuance.exception';
import { ApiKeyRepository } from './api-key.repository';
import { ApiRole } from './api-role';
import { ROLES_METADATA } from './roles.decorator';

/**
 * Authenticates the API key of each request (Authorization: Bearer or X-API-Key) against its stored
 * hash, then checks the key's role against the route's @Roles. Unknown, malformed, revoked and wrong
 * keys get the same answer, so the API tells nothing about which key ids exist.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeyRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const allowed =
      this.reflector.getAllAndOverride<ApiRole[] | undefined>(ROLES_METADATA, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const request = context.switchToHttp().getRequest<Request>();
    const presented = apiKeyFromHeaders(request.headers);
    if (!presented) {
      throw new IssuanceException(
        'AUTH.MISSING_API_KEY',
        'send an API key as Authorization: Bearer <key> or X-API-Key',
      );
    }
    const parsed = parseApiKey(presented);
    const stored = parsed && (await this.keys.find(this.dataSource.manager, parsed.keyId));
    if (!parsed || !stored || stored.revoked || !secretMatches(parsed.secret, stored.secretHash)) {
      throw new IssuanceException('AUTH.INVALID_API_KEY', 'the API key is not valid');
    }
    if (!allowed.includes(stored.role)) {
      throw new IssuanceException('AUTH.FORBIDDEN', `the ${stored.role} role may not do this`);
    }
    return true;
  }
}
