import { localSigningKeyFiles } from '@refurb/config';
import { keyIdOf, parsePublicSigningKeys } from '@refurb/contracts';
import { readFileSync } from 'node:fs';
import { ensureLocalSigningKeys } from './local-signing-keys';

/**
 * `node dist/libs/local-stack/src/signing-keys.cli.js`: creates the local signing pairs if missing and
 * says where they are, with their key ids. Docker Compose runs it once into a shared volume; a
 * production deployment mounts keys of its own instead (see the README's security model).
 */
function main(): void {
  ensureLocalSigningKeys();
  for (const service of ['tracker', 'issuance'] as const) {
    const files = localSigningKeyFiles(service);
    const [publicKey] = parsePublicSigningKeys(readFileSync(files.publicKey, 'utf8'));
    console.log(
      `${service.padEnd(9)} ${keyIdOf(publicKey)}  private ${files.privateKey}  public ${files.publicKey}`,
    );
  }
}

main();
