import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError, InvalidVariable } from './config-validation.error';
import { KafkaEnv } from './kafka.env';
import { KafkaSecuritySettings, resolveKafkaSecurity } from './kafka-security';
import { loadConfig } from './load-config';

const dir = mkdtempSync(join(tmpdir(), 'kafka-security-'));
const certFile = join(dir, 'client.pem');
const keyFile = join(dir, 'client.key');
const passwordFile = join(dir, 'password');
const notPem = join(dir, 'not-pem');
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-subj',
    '/CN=kafka-security-spec',
    '-days',
    '1',
  ],
  { stdio: 'ignore' },
);
writeFileSync(passwordFile, 's3cret-from-file\n');
writeFileSync(notPem, 'hello');
const cert = readFileSync(certFile, 'utf8');
const key = readFileSync(keyFile, 'utf8');

const SASL = {
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'tracker',
  KAFKA_SASL_PASSWORD: 's3cret',
} as const;

function invalid(settings: KafkaSecuritySettings): InvalidVariable[] {
  try {
    resolveKafkaSecurity(settings);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.invalid;
    throw error;
  }
  throw new Error('expected a ConfigValidationError');
}

describe('Kafka TLS and SASL settings', () => {
  it('PLAINTEXT with nothing else is the default and gives no ssl or sasl option', () => {
    expect(resolveKafkaSecurity({ KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' })).toEqual({});
  });

  it('SASL_SSL reads the CA, the client certificate and key, and the credentials', () => {
    expect(
      resolveKafkaSecurity({
        KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        KAFKA_SSL_CA_FILE: certFile,
        KAFKA_SSL_CERT_FILE: certFile,
        KAFKA_SSL_KEY_FILE: keyFile,
        ...SASL,
      }),
    ).toEqual({
      ssl: { ca: [cert], cert, key },
      sasl: { mechanism: 'scram-sha-512', username: 'tracker', password: 's3cret' },
    });
  });

  it('SSL without a CA trusts the system authorities; SASL_PLAINTEXT has no TLS', () => {
    expect(resolveKafkaSecurity({ KAFKA_SECURITY_PROTOCOL: 'SSL' })).toEqual({ ssl: {} });
    expect(resolveKafkaSecurity({ KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', ...SASL })).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'tracker', password: 's3cret' },
    });
  });

  it('reads the password from its file, without the trailing newline', () => {
    const { sasl } = resolveKafkaSecurity({
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'gateway',
      KAFKA_SASL_PASSWORD_FILE: passwordFile,
    });
    expect(sasl).toEqual({ mechanism: 'plain', username: 'gateway', password: 's3cret-from-file' });
  });

  it('a SASL protocol without mechanism, username or password names all three', () => {
    expect(invalid({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' }).map((v) => v.variable)).toEqual([
      'KAFKA_SASL_MECHANISM',
      'KAFKA_SASL_USERNAME',
      'KAFKA_SASL_PASSWORD',
    ]);
  });

  it('refuses a password given twice, and never shows it', () => {
    const [problem] = invalid({
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      ...SASL,
      KAFKA_SASL_PASSWORD_FILE: passwordFile,
    });
    expect(problem).toEqual({
      variable: 'KAFKA_SASL_PASSWORD',
      value: '***',
      problems: ['set it or KAFKA_SASL_PASSWORD_FILE, not both'],
    });
  });

  it('refuses SASL or TLS settings a PLAINTEXT client would silently ignore', () => {
    expect(
      invalid({ KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT', ...SASL, KAFKA_SSL_CA_FILE: certFile }).map((v) => [
        v.variable,
        v.problems,
      ]),
    ).toEqual([
      ['KAFKA_SSL_CA_FILE', ['needs KAFKA_SECURITY_PROTOCOL=SSL or SASL_SSL']],
      ['KAFKA_SASL_MECHANISM', ['needs KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT or SASL_SSL']],
      ['KAFKA_SASL_USERNAME', ['needs KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT or SASL_SSL']],
      ['KAFKA_SASL_PASSWORD', ['needs KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT or SASL_SSL']],
    ]);
  });

  it('a client certificate needs its key and the other way round', () => {
    expect(invalid({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CERT_FILE: certFile })[0]).toMatchObject({
      variable: 'KAFKA_SSL_KEY_FILE',
    });
    expect(invalid({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_KEY_FILE: keyFile })[0]).toMatchObject({
      variable: 'KAFKA_SSL_CERT_FILE',
    });
  });

  it('names a file that cannot be read, or is not the PEM it should be', () => {
    const missing = join(dir, 'missing.pem');
    expect(invalid({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_FILE: missing })).toEqual([
      { variable: 'KAFKA_SSL_CA_FILE', value: missing, problems: ['cannot be read (ENOENT)'] },
    ]);
    const [notACertificate] = invalid({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_FILE: keyFile });
    expect(notACertificate.problems[0]).toMatch(/^is not a PEM file of the expected kind/);
    const [notAKey] = invalid({
      KAFKA_SECURITY_PROTOCOL: 'SSL',
      KAFKA_SSL_CERT_FILE: certFile,
      KAFKA_SSL_KEY_FILE: notPem,
    });
    expect(notAKey.variable).toBe('KAFKA_SSL_KEY_FILE');
  });

  it('KafkaEnv accepts Kafka spellings, refuses unknown values, and builds a named client', () => {
    const env = loadConfig(KafkaEnv, {
      KAFKA_SECURITY_PROTOCOL: 'sasl_ssl',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
      KAFKA_SASL_USERNAME: 'issuance',
      KAFKA_SASL_PASSWORD_FILE: passwordFile,
    });
    expect(env.kafkaClient('issuance')).toEqual({
      brokers: ['127.0.0.1:9092'],
      clientId: 'refurb-ledger-issuance',
      ssl: {},
      sasl: { mechanism: 'scram-sha-256', username: 'issuance', password: 's3cret-from-file' },
    });
    expect(() => loadConfig(KafkaEnv, { KAFKA_SECURITY_PROTOCOL: 'TLS' })).toThrow(
      /KAFKA_SECURITY_PROTOCOL="TLS": must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL/,
    );
    expect(() => loadConfig(KafkaEnv, { KAFKA_SASL_MECHANISM: 'gssapi' })).toThrow(
      /KAFKA_SASL_MECHANISM="gssapi": must be one of plain, scram-sha-256, scram-sha-512/,
    );
  });

  it('the default environment is plaintext with no credentials', () => {
    expect(loadConfig(KafkaEnv, {}).kafkaClient('gateway')).toEqual({
      brokers: ['127.0.0.1:9092'],
      clientId: 'refurb-ledger-gateway',
    });
  });
});
