import { Logger } from '@nestjs/common';

/**
 * Why a dependency is down, in a fixed vocabulary: readiness answers are read by load balancers and
 * shown on dashboards, so they never carry raw error text (host names, SQL, credentials in URLs); the
 * service's log has the error itself.
 */
export type HealthReason = 'UNREACHABLE' | 'TIMEOUT' | 'NOT_RUNNING' | 'BEHIND';

export interface DependencyHealth {
  status: 'up' | 'down';
  reason?: HealthReason;
  /** A state from a fixed vocabulary (e.g. the consumer's `restarting`), never an error message. */
  state?: string;
}

/** Something a service depends on and can probe: PostgreSQL, Kafka, its consumer, its outbox. */
export interface HealthIndicator {
  readonly dependency: string;
  check(): Promise<DependencyHealth>;
}

/** Injection token for the list of indicators a service's readiness reports. */
export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');

export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';
}

export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeadlineExceededError(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const logger = new Logger('health');

/** Runs a probe with a deadline; a failure is `down` with its reason, and its message goes to the log only. */
export async function probe(
  dependency: string,
  run: () => Promise<unknown>,
  timeoutMs = 2000,
): Promise<DependencyHealth> {
  try {
    await withTimeout(run(), timeoutMs);
    return { status: 'up' };
  } catch (error) {
    logger.warn(`${dependency} is down: ${error instanceof Error ? error.message : String(error)}`);
    return { status: 'down', reason: error instanceof DeadlineExceededError ? 'TIMEOUT' : 'UNREACHABLE' };
  }
}
