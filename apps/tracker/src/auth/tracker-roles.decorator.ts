import { SetMetadata } from '@nestjs/common';
import { TrackerRole } from './tracker-role';

export const TRACKER_ROLES_METADATA = 'tracker:roles';

/** The roles allowed on a route; a route without @TrackerRoles is refused to everyone (fail closed). */
export const TrackerRoles = (...roles: TrackerRole[]) => SetMetadata(TRACKER_ROLES_METADATA, roles);
