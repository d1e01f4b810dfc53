/**
 * What a batch consumer does when processing a fetch throws:
 * - `retry`: a transient fault (database or broker unavailable, a lock or serialisation conflict). The
 *   transaction rolled back; kafkajs retries the fetch with back-off and the consumer restarts if it
 *   must. Nothing is lost, processing waits.
 * - `dead-letter`: the fault is in the data. After a bounded number of attempts the fetch is split (by
 *   partition, then by message) so the rest is processed, and the message that fails alone goes to the
 *   dead-letter topic with the service's PROCESSING_FAILED code and the error.
 * - `halt`: the fault is in the deployment (a missing table, a privilege, an unknown factor set): every
 *   message would fail, so dead-lettering would empty the topic into the dead-letter topic. The consumer
 *   stops for good and readiness says so.
 */
export type FailureAction = 'retry' | 'dead-letter' | 'halt';

/**
 * The one policy table, by error code: PostgreSQL SQLSTATE codes (a five-character code, or its
 * two-character class), Node.js socket codes, the pseudo-code of a lost pg connection, and the dotted
 * codes of this project's errors. Anything else is a fault in the data.
 */
export const FAILURE_POLICY: Readonly<Record<string, FailureAction>> = {
  // PostgreSQL: connection exception, insufficient resources, operator intervention.
  '08': 'retry',
  '53': 'retry',
  '57P01': 'retry', // admin_shutdown (a restart, pg_terminate_backend)
  '57P02': 'retry', // crash_shutdown
  '57P03': 'retry', // cannot_connect_now (starting up)
  '57014': 'retry', // query_canceled (statement timeout)
  '25P03': 'retry', // idle_in_transaction_session_timeout
  '40001': 'retry', // serialization_failure
  '40P01': 'retry', // deadlock_detected
  '55P03': 'retry', // lock_not_available
  // PostgreSQL: the schema or the rights are not what the code expects.
  '3F000': 'halt', // invalid_schema_name
  '42P01': 'halt', // undefined_table
  '42703': 'halt', // undefined_column
  '42883': 'halt', // undefined_function
  '42501': 'halt', // insufficient_privilege
  // Node.js sockets.
  ECONNREFUSED: 'retry',
  ECONNRESET: 'retry',
  ETIMEDOUT: 'retry',
  EPIPE: 'retry',
  EHOSTUNREACH: 'retry',
  EAI_AGAIN: 'retry',
  // pg errors without a code: the connection went away, or the pool could not get one in time.
  'PG.CONNECTION_LOST': 'retry',
  // Deployment faults of this project's services.
  'EMISSIONS.UNKNOWN_FACTOR_SET': 'halt',
};

const CONNECTION_LOST = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection is not established/i,
  /Driver not Connected/i,
];

/** The code the policy table is looked up by: the error's own, its driver's, or a derived one. */
export function failureCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, driverError, message, name } = error as {
    code?: unknown;
    driverError?: { code?: unknown };
    message?: unknown;
    name?: unknown;
  };
  if (typeof code === 'string') return code;
  if (typeof driverError?.code === 'string') return driverError.code;
  if (typeof message === 'string' && CONNECTION_LOST.some((pattern) => pattern.test(message))) {
    return 'PG.CONNECTION_LOST';
  }
  // kafkajs errors say themselves whether they are worth retrying.
  if (typeof name === 'string' && name.startsWith('KafkaJS')) {
    return (error as { retriable?: unknown }).retriable === false ? undefined : 'KAFKA.RETRIABLE';
  }
  return undefined;
}

export function failureAction(error: unknown): FailureAction {
  const code = failureCodeOf(error);
  if (code === undefined) return 'dead-letter';
  if (code === 'KAFKA.RETRIABLE') return 'retry';
  const SQLSTATE = /^[0-9A-Z]{5}$/;
  return (
    FAILURE_POLICY[code] ??
    (SQLSTATE.test(code) ? FAILURE_POLICY[code.slice(0, 2)] : undefined) ??
    'dead-letter'
  );
}
