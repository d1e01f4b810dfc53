import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigValidationError, InvalidVariable } from './config-validation.error';

/** Kafka's own names for how a client talks to a listener. */
export const KAFKA_SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export type KafkaSecurityProtocol = (typeof KAFKA_SECURITY_PROTOCOLS)[number];

/** The SASL mechanisms kafkajs speaks without a plug-in, in its spelling. */
export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** The security variables as KafkaEnv holds them, once each has passed its own check. */
export interface KafkaSecuritySettings {
  KAFKA_SECURITY_PROTOCOL: KafkaSecurityProtocol;
  KAFKA_SSL_CA_FILE?: string;
  KAFKA_SSL_CERT_FILE?: string;
  KAFKA_SSL_KEY_FILE?: string;
  KAFKA_SASL_MECHANISM?: KafkaSaslMechanism;
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
  KAFKA_SASL_PASSWORD_FILE?: string;
}

/** A kafkajs client's `ssl` and `sasl` options; both absent for PLAINTEXT. */
export interface KafkaClientSecurity {
  /** `{}` trusts the system's certificate authorities; `ca` replaces them. */
  ssl?: { ca?: string[]; cert?: string; key?: string };
  sasl?: KafkaSaslCredentials;
}

/** One object type per mechanism, as kafkajs declares its SASL options. */
export type KafkaSaslCredentials = {
  [M in KafkaSaslMechanism]: { mechanism: M; username: string; password: string };
}[KafkaSaslMechanism];

export type ReadTextFile = (path: string) => string;

const SSL_FILES = ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'] as const;
const SASL_VARIABLES = [
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_SASL_PASSWORD_FILE',
] as const;

/**
 * Checks the security variables together and reads the files they name, so a client is never built from
 * half a configuration: every problem is reported at once, each naming its variable (a password never
 * shown). Throws ConfigValidationError; PLAINTEXT with nothing else set gives `{}`.
 */
export function resolveKafkaSecurity(
  settings: KafkaSecuritySettings,
  readFile: ReadTextFile = (path) => readFileSync(path, 'utf8'),
): KafkaClientSecurity {
  const protocol = settings.KAFKA_SECURITY_PROTOCOL;
  const problems: InvalidVariable[] = [];
  const problem = (variable: keyof KafkaSecuritySettings, text: string) =>
    problems.push({ variable, value: settings[variable], problems: [text] });
  const usesTls = protocol === 'SSL' || protocol === 'SASL_SSL';
  const usesSasl = protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';

  const readPem = (variable: (typeof SSL_FILES)[number], check: (pem: string) => unknown) => {
    const path = settings[variable];
    if (path === undefined) return undefined;
    const pem = readable(path, readFile, (text) => problem(variable, text));
    if (pem === undefined) return undefined;
    try {
      check(pem);
      return pem;
    } catch (error) {
      problem(variable, `is not a PEM file of the expected kind (${(error as Error).message})`);
      return undefined;
    }
  };

  let ssl: KafkaClientSecurity['ssl'];
  if (!usesTls) {
    for (const variable of SSL_FILES) {
      if (settings[variable] !== undefined)
        problem(variable, `needs KAFKA_SECURITY_PROTOCOL=SSL or SASL_SSL`);
    }
  } else {
    if (settings.KAFKA_SSL_CERT_FILE !== undefined && settings.KAFKA_SSL_KEY_FILE === undefined) {
      problem(
        'KAFKA_SSL_KEY_FILE',
        'must be set with KAFKA_SSL_CERT_FILE (a client certificate needs its key)',
      );
    }
    if (settings.KAFKA_SSL_KEY_FILE !== undefined && settings.KAFKA_SSL_CERT_FILE === undefined) {
      problem(
        'KAFKA_SSL_CERT_FILE',
        'must be set with KAFKA_SSL_KEY_FILE (a client key needs its certificate)',
      );
    }
    const ca = readPem('KAFKA_SSL_CA_FILE', (pem) => new X509Certificate(pem));
    const cert = readPem('KAFKA_SSL_CERT_FILE', (pem) => new X509Certificate(pem));
    const key = readPem('KAFKA_SSL_KEY_FILE', (pem) => createPrivateKey(pem));
    ssl = { ...(ca && { ca: [ca] }), ...(cert && { cert }), ...(key && { key }) };
  }

  let sasl: KafkaClientSecurity['sasl'];
  if (!usesSasl) {
    for (const variable of SASL_VARIABLES) {
      if (settings[variable] !== undefined) {
        problem(variable, 'needs KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT or SASL_SSL');
      }
    }
  } else {
    sasl = saslOptions(settings, readFile, problem);
  }

  if (problems.length > 0) throw new ConfigValidationError(problems);
  return { ...(ssl && { ssl }), ...(sasl && { sasl }) };
}

function saslOptions(
  settings: KafkaSecuritySettings,
  readFile: ReadTextFile,
  problem: (variable: keyof KafkaSecuritySettings, text: string) => void,
): KafkaClientSecurity['sasl'] {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username } = settings;
  const needed = `is required with KAFKA_SECURITY_PROTOCOL=${settings.KAFKA_SECURITY_PROTOCOL}`;
  if (mechanism === undefined)
    problem('KAFKA_SASL_MECHANISM', `${needed}: plain, scram-sha-256 or scram-sha-512`);
  if (username === undefined) problem('KAFKA_SASL_USERNAME', `${needed}: the service's own principal`);
  const password = saslPassword(settings, readFile, problem, needed);
  if (mechanism === undefined || username === undefined || password === undefined) return undefined;
  return { mechanism, username, password };
}

function saslPassword(
  settings: KafkaSecuritySettings,
  readFile: ReadTextFile,
  problem: (variable: keyof KafkaSecuritySettings, text: string) => void,
  needed: string,
): string | undefined {
  const { KAFKA_SASL_PASSWORD: inline, KAFKA_SASL_PASSWORD_FILE: file } = settings;
  if (inline !== undefined && file !== undefined) {
    problem('KAFKA_SASL_PASSWORD', 'set it or KAFKA_SASL_PASSWORD_FILE, not both');
    return undefined;
  }
  if (inline !== undefined) return inline;
  if (file === undefined) {
    problem('KAFKA_SASL_PASSWORD', `${needed} (or KAFKA_SASL_PASSWORD_FILE)`);
    return undefined;
  }
  // A secret file usually ends with a newline the password does not contain.
  const password = readable(file, readFile, (text) => problem('KAFKA_SASL_PASSWORD_FILE', text))?.replace(
    /\r?\n$/,
    '',
  );
  if (password === '') problem('KAFKA_SASL_PASSWORD_FILE', 'names an empty file');
  return password || undefined;
}

function readable(path: string, readFile: ReadTextFile, report: (text: string) => void): string | undefined {
  try {
    return readFile(path);
  } catch (error) {
    report(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    return undefined;
  }
}
