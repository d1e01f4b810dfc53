import type { Request } from 'express';
import { routeLabel, UNMATCHED_ROUTE } from './route-label';

const requestWith = (route: unknown, baseUrl = ''): Request => ({ route, baseUrl }) as unknown as Request;

describe('routeLabel', () => {
  it('is the pattern of the route that answered, never the raw URL', () => {
    expect(routeLabel(requestWith({ path: '/v1/devices/:deviceId' }), undefined)).toBe(
      '/v1/devices/:deviceId',
    );
  });

  it('is unmatched when no route answered', () => {
    expect(routeLabel(requestWith(undefined), undefined)).toBe(UNMATCHED_ROUTE);
  });

  it("is unmatched when the only route is the middleware's own catch-all", () => {
    const catchAll = { path: '/{*path}' };
    expect(routeLabel(requestWith(catchAll), catchAll)).toBe(UNMATCHED_ROUTE);
  });
});
