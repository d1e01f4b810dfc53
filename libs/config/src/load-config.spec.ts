import { ConfigValidationError } from './config-validation.error';
import { ServiceEnv } from './database.env';
import { IsHttpPort } from './http-port.decorator';
import { loadConfig } from './load-config';

class SampleEnv extends ServiceEnv {
  @IsHttpPort()
  SAMPLE_PORT: number = 3000;
}

function captured(load: () => unknown): ConfigValidationError {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigValidationError');
}

describe('loadConfig', () => {
  it('applies local defaults when nothing is set', () => {
    const config = loadConfig(SampleEnv, {});
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/refurb_ledger');
    expect(config.KAFKA_TOPIC_PARTITIONS).toBe(12);
    expect(config.SAMPLE_PORT).toBe(3000);
  });

  it('parses lists and numbers from strings', () => {
    const config = loadConfig(SampleEnv, {
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      SAMPLE_PORT: '8080',
    });
    expect(config.KAFKA_BROKERS).toEqual(['kafka-1:9092', 'kafka-2:9092']);
    expect(config.SAMPLE_PORT).toBe(8080);
  });

  it('names every bad variable in one error', () => {
    const load = () =>
      loadConfig(SampleEnv, { SAMPLE_PORT: 'eighty', KAFKA_BROKERS: 'no-port', DATABASE_URL: 'mysql://x' });
    expect(load).toThrow(ConfigValidationError);
    try {
      load();
    } catch (error) {
      const invalid = (error as ConfigValidationError).invalid.map((v) => v.variable).sort();
      expect(invalid).toEqual(['DATABASE_URL', 'KAFKA_BROKERS', 'SAMPLE_PORT']);
      expect((error as Error).message).toContain('SAMPLE_PORT="eighty"');
    }
  });

  it('names a malformed DATABASE_URL without echoing its password', () => {
    // A port that is not a number: invalid, yet the password in it is the real one.
    const load = () =>
      loadConfig(SampleEnv, { DATABASE_URL: 'postgres://ledger:hunter2@db.internal:five/x' });
    expect(load).toThrow(ConfigValidationError);
    const error = captured(load);
    expect(error.message).toContain('DATABASE_URL="postgres://ledger:***@db.internal:five/x"');
    expect(error.message).not.toContain('hunter2');
    expect(JSON.stringify(error.invalid)).not.toContain('hunter2');
  });

  it('reads LOG_LEVEL and LOG_FORMAT, defaulting to info and json, and names a bad one', () => {
    expect(loadConfig(SampleEnv, {})).toMatchObject({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
    expect(loadConfig(SampleEnv, { LOG_LEVEL: 'DEBUG', LOG_FORMAT: 'pretty' })).toMatchObject({
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'pretty',
    });
    const error = captured(() => loadConfig(SampleEnv, { LOG_LEVEL: 'verbose', LOG_FORMAT: 'xml' }));
    expect(error.invalid.map((v) => v.variable).sort()).toEqual(['LOG_FORMAT', 'LOG_LEVEL']);
    expect(error.message).toContain(
      'LOG_LEVEL="verbose": must be one of fatal, error, warn, info, debug, trace, silent',
    );
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(SampleEnv, { SAMPLE_PORT: '' }).SAMPLE_PORT).toBe(3000);
  });
});
