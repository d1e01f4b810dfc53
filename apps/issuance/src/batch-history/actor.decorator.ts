import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { authenticatedKeyIdOf } from '@refurb/auth';
import { apiKeyActor, BatchActor } from './batch-actor';

/**
 * The actor of an API request, from the key ApiKeyGuard accepted. A route using it without the guard is
 * a programming error: it fails loudly instead of recording a transition nobody made.
 */
export const Actor = createParamDecorator((_: unknown, context: ExecutionContext): BatchActor => {
  const keyId = authenticatedKeyIdOf(context.switchToHttp().getRequest<object>());
  if (!keyId) throw new Error('@Actor() needs a request authenticated by ApiKeyGuard');
  return apiKeyActor(keyId);
});
