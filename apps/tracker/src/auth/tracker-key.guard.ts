import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { checkRoleKey, markAuthenticatedKey } from '@refurb/auth';
import type { Request } from 'express';
import { TrackerKeyRepository, StoredTrackerKey } from './tracker-key.repository';
import { TrackerRole } from './tracker-role';
import { TRACKER_ROLES_METADATA } from './tracker-roles.decorator';

interface TrackerKeyRequest extends Request {
  trackerKey?: StoredTrackerKey;
}

/**
 * The tracker's half of the shared role-key check (checkRoleKey in @refurb/auth, as issuance): the key
 * against tracker.api_keys, its role against the route's @TrackerRoles. Leaves the key on the request
 * for the workshop scope (CurrentTrackerKey).
 */
@Injectable()
export class TrackerKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: TrackerKeyRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const allowed =
      this.reflector.getAllAndOverride<TrackerRole[] | undefined>(TRACKER_ROLES_METADATA, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const request = context.switchToHttp().getRequest<TrackerKeyRequest>();
    const check = await checkRoleKey(request.headers, allowed, (keyId) => this.keys.find(keyId));
    if (!check.ok) {
      const body = { code: check.code, message: check.message };
      throw check.code === 'AUTH.FORBIDDEN' ? new ForbiddenException(body) : new UnauthorizedException(body);
    }
    request.trackerKey = check.key;
    markAuthenticatedKey(request, check.key.keyId);
    return true;
  }
}

/** The key TrackerKeyGuard accepted. */
export const CurrentTrackerKey = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const key = context.switchToHttp().getRequest<TrackerKeyRequest>().trackerKey;
  // Reaching this without the guard is a wiring bug, not a client error: it answers 500.
  if (!key) throw new Error('TrackerKeyGuard must run before the key is read');
  return key;
});
