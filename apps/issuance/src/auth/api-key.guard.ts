import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { apiKeyFromHeaders, checkRoleKey, markAuthenticatedKey, sessionTokenFrom } from '@refurb/auth';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { CONSOLE_COOKIE, CONSOLE_HEADER } from '../console/console-cookie';
import { ConsoleSessionsService } from '../console/console-sessions.service';
import { IssuanceException } from '../issuance.exception';
import { ApiKeyRepository, StoredApiKey } from './api-key.repository';
import { ApiRole } from './api-role';
import { ROLES_METADATA } from './roles.decorator';

/**
 * Authenticates each request, then checks the key's role against the route's @Roles. The credential is
 * an API key (Authorization: Bearer or X-API-Key) checked against its stored hash (checkRoleKey in
 * @refurb/auth, which the tracker's guard shares), or, when no key is sent, the console's session
 * cookie with the console's header: the console page calls the same routes with the same roles, and
 * acts as the key it was signed in with.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeyRepository,
    private readonly consoleSessions: ConsoleSessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const allowed =
      this.reflector.getAllAndOverride<ApiRole[] | undefined>(ROLES_METADATA, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const request = context.switchToHttp().getRequest<Request>();
    const sessionToken = sessionTokenFrom(CONSOLE_COOKIE, request.headers.cookie);
    const key =
      apiKeyFromHeaders(request.headers) === undefined && sessionToken !== undefined
        ? await this.consoleKey(request, sessionToken, allowed)
        : await this.apiKey(request, allowed);
    markAuthenticatedKey(request, key.keyId);
    return true;
  }

  private async apiKey(request: Request, allowed: readonly ApiRole[]): Promise<StoredApiKey> {
    const check = await checkRoleKey(request.headers, allowed, (keyId) =>
      this.keys.find(this.dataSource.manager, keyId),
    );
    if (!check.ok) throw new IssuanceException(check.code, check.message);
    return check.key;
  }

  private async consoleKey(
    request: Request,
    token: string,
    allowed: readonly ApiRole[],
  ): Promise<StoredApiKey> {
    if (request.headers[CONSOLE_HEADER] !== '1') {
      throw new IssuanceException(
        'CONSOLE.HEADER_MISSING',
        `a console session is accepted only with the header \`${CONSOLE_HEADER}: 1\``,
      );
    }
    const { key } = await this.consoleSessions.resolve(token);
    if (!allowed.includes(key.role)) {
      throw new IssuanceException('AUTH.FORBIDDEN', `the ${key.role} role may not do this`);
    }
    return key;
  }
}
