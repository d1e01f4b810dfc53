import { cacheDir } from '@refurb/config';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command';

/** The files a secured local broker and its clients use; PEM throughout, which Kafka 3.9 reads directly. */
export interface LocalKafkaTlsFiles {
  /** The local certificate authority: what clients trust (KAFKA_SSL_CA_FILE) and the broker's truststore. */
  caFile: string;
  /** The broker's unencrypted PKCS#8 key followed by its certificate: an `ssl.keystore.type=PEM` file. */
  brokerKeystoreFile: string;
}

/**
 * A certificate authority and a broker certificate for 127.0.0.1 and localhost, made with openssl on first
 * use and kept in the cache directory (never in the repository). Made in a scratch directory and renamed,
 * so two test runs starting at once never read half a set.
 */
export async function ensureLocalKafkaTls(env: NodeJS.ProcessEnv = process.env): Promise<LocalKafkaTlsFiles> {
  const dir = join(cacheDir(env), 'kafka-tls');
  const files = { caFile: join(dir, 'ca.pem'), brokerKeystoreFile: join(dir, 'broker-keystore.pem') };
  if (existsSync(files.brokerKeystoreFile)) return files;

  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  const at = (name: string) => join(staging, name);
  const days = ['-days', '3650'];
  await runCommand('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.pem'),
    '-subj',
    '/CN=Refurb Ledger local Kafka CA',
    ...days,
  ]);
  await runCommand('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    at('broker.key'),
    '-out',
    at('broker.csr'),
    '-subj',
    '/CN=127.0.0.1',
  ]);
  // Clients check the address they dialled against the subject alternative names, not the CN.
  writeFileSync(
    at('broker.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth,clientAuth\n',
  );
  await runCommand('openssl', [
    'x509',
    '-req',
    '-in',
    at('broker.csr'),
    '-CA',
    at('ca.pem'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-out',
    at('broker.pem'),
    '-extfile',
    at('broker.ext'),
    ...days,
  ]);
  writeFileSync(
    at('broker-keystore.pem'),
    readFileSync(at('broker.key'), 'utf8') + readFileSync(at('broker.pem'), 'utf8'),
    { mode: 0o600 },
  );
  try {
    renameSync(staging, dir);
  } catch (error) {
    // Another run made its set first: use that one.
    if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    rmSync(staging, { recursive: true, force: true });
  }
  return files;
}
