import { INestApplication } from '@nestjs/common';
import { METHODS } from 'node:http';

export interface HttpRoute {
  method: string;
  path: string;
}

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/**
 * Every route the application's Express router serves, as `METHOD /path` (Nest's controllers and what
 * was registered on the adapter directly, such as the OpenAPI pages). Read from the running app, so a
 * test built on it cannot miss a route added later. Nest mounts middleware (`forRoutes('*')`) as routes
 * for every method; those are not endpoints and are left out.
 */
export function httpRoutesOf(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as {
    router?: { stack: RouterLayer[] };
    _router?: { stack: RouterLayer[] };
  };
  const router = express.router ?? express._router;
  if (!router) throw new Error('no Express router on this application');
  const routes = router.stack.flatMap(({ route }) =>
    route && !isEveryMethod(route.methods)
      ? [route.path].flat().flatMap((path) =>
          Object.keys(route.methods)
            .filter((method) => method !== '_all')
            .map((method) => `${method.toUpperCase()} ${path}`),
        )
      : [],
  );
  return [...new Set(routes)].sort();
}

function isEveryMethod(methods: Record<string, boolean>): boolean {
  return METHODS.every((method) => methods[method.toLowerCase()]);
}
