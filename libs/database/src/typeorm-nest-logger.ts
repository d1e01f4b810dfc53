import { Logger } from '@nestjs/common';
import { Logger as TypeOrmLogger } from 'typeorm';

const logger = new Logger('TypeORM');

/**
 * TypeORM's messages through Nest's logger, so they land in the service's JSON log with everything else.
 * Statements are never logged one by one: their parameters carry API key hashes and partner data, and a
 * log call per statement would cost the consumer's hot path. A failed statement is logged at debug with
 * its SQL only, since the caller reports the error itself.
 */
export class TypeOrmNestLogger implements TypeOrmLogger {
  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    logger.debug({ msg: 'Statement failed', error: error instanceof Error ? error.message : error, query });
  }

  logQuerySlow(time: number, query: string): void {
    logger.warn({ msg: `Slow statement (${time} ms)`, query });
  }

  logSchemaBuild(message: string): void {
    logger.debug(message);
  }

  logMigration(message: string): void {
    logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') logger.warn(message);
    else if (level === 'info') logger.log(message);
    else logger.debug(message);
  }
}
