import type { Request } from 'express';

/** What requests that reached no route (not found, or refused by a middleware before routing) share. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The pattern of the route that answered, e.g. `/v1/devices/:deviceId`; Express sets it once routed. */
export function routeLabel(request: Request): string {
  const route: unknown = request.route;
  if (typeof route !== 'object' || route === null || !('path' in route)) return UNMATCHED_ROUTE;
  return typeof route.path === 'string' ? `${request.baseUrl}${route.path}` : UNMATCHED_ROUTE;
}
