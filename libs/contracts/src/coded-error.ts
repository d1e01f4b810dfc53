/**
 * The one shape of an expected failure: a stable dotted code (docs/conventions.md#error-codes) that callers match on,
 * and a message for people. It lives in contracts, which imports no framework, so every library and
 * service can extend it; `name` follows the subclass so logs and stack traces say which one was thrown.
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
