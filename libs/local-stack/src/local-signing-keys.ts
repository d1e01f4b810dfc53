import { localSigningKeyFiles, SigningService } from '@refurb/config';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const SIGNING_SERVICES: readonly SigningService[] = ['gateway', 'tracker', 'issuance'];

/**
 * The local Ed25519 pairs of the signing services, created on first run and kept in the cache
 * directory, where the services' `*_FILE` defaults look. Never used in production, where keys come
 * from the operator's secret store. Safe when two runs start at once: the private key is created
 * exclusively, and the public key is always derived from whichever private key won.
 */
export function ensureLocalSigningKeys(env: NodeJS.ProcessEnv = process.env): void {
  for (const service of SIGNING_SERVICES) ensurePair(localSigningKeyFiles(service, env));
}

function ensurePair(files: { privateKey: string; publicKey: string }): void {
  mkdirSync(dirname(files.privateKey), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  try {
    writeFileSync(files.privateKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      flag: 'wx',
      mode: 0o600,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const kept = createPrivateKey(readFileSync(files.privateKey, 'utf8'));
  const publicPem = createPublicKey(kept).export({ type: 'spki', format: 'pem' }).toString();
  if (readIfExists(files.publicKey) === publicPem) return;
  const temporary = `${files.publicKey}.${process.pid}.tmp`;
  writeFileSync(temporary, publicPem, { mode: 0o644 });
  renameSync(temporary, files.publicKey);
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
