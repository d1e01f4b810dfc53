/**
 * The broker error codes (kafkajs's `type`, e.g. TOPIC_AUTHORIZATION_FAILED) along an error's cause chain:
 * kafkajs wraps them in retry and non-retriable errors of its own.
 */
export function kafkaErrorTypes(error: unknown): string[] {
  const types: string[] = [];
  for (let at = error as { type?: string; cause?: unknown } | undefined; at; at = at.cause as typeof at) {
    if (at.type) types.push(at.type);
  }
  return types;
}
