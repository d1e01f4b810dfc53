import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './cache-dir';
import { ConfigValidationError } from './config-validation.error';

/** Key material is never echoed in an error, whichever variable held it. */
const HIDDEN = '(hidden)';

/**
 * Where `npm start` and the test set-up keep the local key pairs they generate on first run: the
 * default of every `*_FILE` key variable, so that a local run needs no key configuration at all.
 */
export function localKeyFile(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), 'keys', name);
}

/** The services that sign what they publish (credit records, batch transitions). */
export type SigningService = 'gateway' | 'tracker' | 'issuance';

/** The local key pair of a signing service: a PKCS#8 private key and its SPKI public key, as PEM. */
export function localSigningKeyFiles(
  service: SigningService,
  env: NodeJS.ProcessEnv = process.env,
): { privateKey: string; publicKey: string } {
  return {
    privateKey: localKeyFile(`${service}-signing.pem`, env),
    publicKey: localKeyFile(`${service}-signing.pub.pem`, env),
  };
}

export interface KeyMaterialSource {
  /** The variable holding the PEM text itself, e.g. `TRACKER_SIGNING_KEY`. */
  variable: string;
  inline: string | undefined;
  /** The path in `<variable>_FILE` (secrets mounted as files, as Docker and Kubernetes do). */
  file: string | undefined;
}

/** The PEM text of a key given inline or as a file; inline wins. Unreadable files name their variable. */
export function readKeyMaterial(source: KeyMaterialSource): { variable: string; pem: string } {
  if (source.inline) return { variable: source.variable, pem: source.inline };
  const fileVariable = `${source.variable}_FILE`;
  if (!source.file) {
    throw new ConfigValidationError([
      { variable: source.variable, value: undefined, problems: [`set it or ${fileVariable}`] },
    ]);
  }
  try {
    return { variable: fileVariable, pem: readFileSync(source.file, 'utf8') };
  } catch (error) {
    throw new ConfigValidationError([
      {
        variable: fileVariable,
        value: source.file,
        problems: [`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`],
      },
    ]);
  }
}

/**
 * Turns a key parser's refusal into a configuration error naming the variable, never the key: the
 * parser's message says what is wrong with it.
 */
export function parseKeyMaterial<T>(source: KeyMaterialSource, parse: (pem: string) => T): T {
  const { variable, pem } = readKeyMaterial(source);
  try {
    return parse(pem);
  } catch (error) {
    throw new ConfigValidationError([
      {
        variable,
        value: variable === source.variable ? HIDDEN : source.file,
        problems: [(error as Error).message],
      },
    ]);
  }
}
