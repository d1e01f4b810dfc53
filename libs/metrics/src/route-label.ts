import type { Request } from 'express';

/** What requests that reached no route (not found, or refused by a middleware before routing) share. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The pattern of the route that answered, e.g. `/v1/devices/:deviceId`; Express sets `request.route`
 * once routed. Nest mounts middleware as a catch-all route of its own, so the route a request had when
 * the middleware saw it (`before`) is not one that answered.
 */
export function routeLabel(request: Request, before: unknown): string {
  const route: unknown = request.route;
  if (typeof route !== 'object' || route === null || route === before || !('path' in route)) {
    return UNMATCHED_ROUTE;
  }
  return typeof route.path === 'string' ? `${request.baseUrl}${route.path}` : UNMATCHED_ROUTE;
}
