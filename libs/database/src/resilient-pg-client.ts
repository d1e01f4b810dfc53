import { Logger } from '@nestjs/common';
import { Client, ClientConfig } from 'pg';

const logger = new Logger('PostgreSQL');

/**
 * A pg Client that always has an 'error' listener. TypeORM listens on a client only while a query
 * runner holds it, and removes its listener on the first error; when the server ends the connection (a
 * restart, pg_terminate_backend) a second error from the same client, or one arriving between two
 * statements of a transaction, would otherwise be an unhandled 'error' event and kill the process.
 * The statement or transaction in flight still fails, and the pool discards the client.
 */
export class ResilientPgClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', (error: Error) => logger.warn(`Connection lost: ${error.message}`));
  }
}
