import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** What the tests read of a docker/compose.yaml service. */
export interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  profiles?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
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
