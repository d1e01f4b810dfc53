import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A registry of one application's metrics, with Node's process metrics (CPU, heap, event loop, GC) in it.
 * Never prom-client's global registry: integration tests run several services in one process, and each
 * must answer `/metrics` with its own counters only.
 */
export function createServiceRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * The metric of that name already in the registry, or the one `create` registers there: several classes
 * of one application (a consumer, the batch transactions) share one counter without wiring it through DI.
 */
export function registeredMetric<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}
