import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { checkRoleKey, markAuthenticatedKey } from '@refurb/auth';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { IssuanceException } from '../issuance.exception';
import { ApiKeyRepository } from './api-key.repository';
import { ApiRole } from './api-role';
import { ROLES_METADATA } from './roles.decorator';

/**
 * Authenticates the API key of each request (Authorization: Bearer or X-API-Key) against its stored
 * hash, then checks the key's role against the route's @Roles (checkRoleKey in @refurb/auth, which the
 * tracker's guard shares).
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
    const check = await checkRoleKey(request.headers, allowed, (keyId) =>
      this.keys.find(this.dataSource.manager, keyId),
    );
    if (!check.ok) throw new IssuanceException(check.code, check.message);
    markAuthenticatedKey(request, check.key.keyId);
    return true;
  }
}
