import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** What the tests read of a docker/compose.yaml service. */
export interface ComposeService {
  image?: string;
  command?: string[];
  restart?: string;
  environment?: Record<string, string | number>;
  ports?: string[];
  profiles?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export const repositoryRoot = join(__dirname, '..', '..');

/** docker/compose.yaml with its anchors and merge keys resolved, as compose reads it. */
export const compose = parse(readFileSync(join(repositoryRoot, 'docker', 'compose.yaml'), 'utf8'), {
  merge: true,
}) as ComposeFile;

export function environmentOf(service: string): Record<string, string> {
  const raw = compose.services[service]?.environment ?? {};
  return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, String(value)]));
}

/** A volume's host side, resolved from docker/ as compose resolves it, and its mount point. */
export function mountsOf(service: string): { host: string; target: string }[] {
  return (compose.services[service].volumes ?? [])
    .filter((volume) => volume.startsWith('./'))
    .map((volume) => {
      const [host, target] = volume.split(':');
      return { host: resolve(repositoryRoot, 'docker', host), target };
    });
}

/** Where a service mounts a named volume, and whether read-only. */
export function namedVolumeOf(
  service: string,
  volume: string,
): { target: string; readOnly: boolean } | undefined {
  const entry = (compose.services[service].volumes ?? []).find((v) => v.startsWith(`${volume}:`));
  if (!entry) return undefined;
  const [, target, mode] = entry.split(':');
  return { target, readOnly: mode === 'ro' };
}

/**
 * The services in an order compose can start them in (each after everything it depends on, whatever the
 * condition); throws on a dependency cycle, which compose refuses.
 */
export function startOrder(): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`dependency cycle: ${[...path, name].join(' -> ')}`);
    const service = compose.services[name];
    if (!service) throw new Error(`${path.at(-1)} depends on ${name}, which is not a service`);
    state.set(name, 'visiting');
    // The short form (a list of names, as prometheus and grafana use) or the long one (names to conditions).
    const dependsOn: unknown = service.depends_on ?? {};
    const dependencies = Array.isArray(dependsOn)
      ? (dependsOn as string[])
      : Object.keys(dependsOn as object);
    for (const dependency of dependencies) visit(dependency, [...path, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of Object.keys(compose.services)) visit(name, []);
  return order;
}
