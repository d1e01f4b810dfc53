import { SetMetadata } from '@nestjs/common';
import { ApiRole } from './api-role';

export const ROLES_METADATA = 'issuance:roles';

/** The roles allowed on a route; a route without @Roles is refused to everyone (fail closed). */
export const Roles = (...roles: ApiRole[]) => SetMetadata(ROLES_METADATA, roles);
