import { JsonReader, JsonShapeError } from './json-reader';

/** Why a Kafka message is not the message its topic carries: a machine-readable code and the first problem found. */
export interface MessageProblem {
  code: string;
  message: string;
  /** Path of the offending value, when one is to blame. */
  field?: string;
}

export type MessageRead<T, Problem extends MessageProblem = MessageProblem> =
  { ok: true; message: T } | { ok: false; problem: Problem };

/** The code of a message whose JSON does not have the contract's shape. */
export const INVALID_MESSAGE_SHAPE = 'MESSAGE.INVALID_SHAPE';

/**
 * Runs a JsonReader-based parser on untrusted JSON and turns its first shape error into a problem;
 * any other error is a bug and propagates.
 */
export function readJson<T>(json: unknown, what: string, read: (reader: JsonReader) => T): MessageRead<T> {
  try {
    return { ok: true, message: read(JsonReader.of(json)) };
  } catch (error) {
    if (!(error instanceof JsonShapeError)) throw error;
    return {
      ok: false,
      problem: {
        code: INVALID_MESSAGE_SHAPE,
        message: `not a ${what}: ${error.message}`,
        field: error.field,
      },
    };
  }
}
