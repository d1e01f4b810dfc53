export interface DependencyHealth {
  status: 'up' | 'down';
  detail?: string;
}

/** Something a service depends on and can probe: PostgreSQL, Kafka. */
export interface HealthIndicator {
  readonly dependency: string;
  check(): Promise<DependencyHealth>;
}

/** Injection token for the list of indicators a service's `/health` reports. */
export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');

export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs a probe with a deadline and turns any failure into a `down` report with its reason. */
export async function probe(run: () => Promise<unknown>, timeoutMs = 2000): Promise<DependencyHealth> {
  try {
    await withTimeout(run(), timeoutMs);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
  }
}
