/** The service's kafkajs client. */
export const KAFKA = Symbol('KAFKA');

/**
 * A second client of the same cluster that never retries, for questions asked on a deadline (readiness
 * probes, lag at scrape time): the service's client retries a connect for up to half a minute, which
 * outlives the deadline and, when the broker is gone, the service's own shutdown.
 */
export const KAFKA_PROBE = Symbol('KAFKA_PROBE');
