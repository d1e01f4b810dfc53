import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConfigValidationError } from './config-validation.error';

type Environment = Record<string, string | undefined>;

/**
 * Reads and validates environment variables into a typed config class. Property names are the
 * variable names; defaults are the class's initialisers, so an unset variable keeps its local default.
 */
export function loadConfig<T extends object>(configClass: new () => T, env: Environment = process.env): T {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const config = plainToInstance(configClass, defined, {
    enableImplicitConversion: true,
    excludeExtraneousValues: false,
    exposeDefaultValues: true,
  });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigValidationError(
      errors.map((error) => ({
        variable: error.property,
        value: env[error.property],
        problems: Object.values(error.constraints ?? {}),
      })),
    );
  }
  return config;
}
