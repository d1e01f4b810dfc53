import { CorpusBody, Change } from './corpus-case';
import { RawDeviceEvent } from '../valid-device-events';

const DEEP_PLACEHOLDER = '\u0000deep\u0000';
/** Levels of `{"nested":...}` that still fit under MAX_EVENT_BYTES with the rest of an event. */
const DEEP_LEVELS = 5000;

/**
 * The event's JSON text with the value at `path` nested DEEP_LEVELS deep. Built as text, since
 * JSON.stringify recurses and would overflow the stack; JSON.parse does not.
 */
export function deeplyNested(event: RawDeviceEvent, path: string): CorpusBody {
  set(path, DEEP_PLACEHOLDER)(event);
  const deep = `${'{"nested":'.repeat(DEEP_LEVELS)}"bottom"${'}'.repeat(DEEP_LEVELS)}`;
  return { raw: JSON.stringify(event).replace(JSON.stringify(DEEP_PLACEHOLDER), deep) };
}

/** The object holding the member at a dotted `path`, and that member's name. */
function parentOf(event: RawDeviceEvent, path: string): [Record<string, unknown>, string] {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let target: Record<string, unknown> = event;
  for (const key of keys) target = target[key] as Record<string, unknown>;
  return [target, last];
}

export function set(path: string, value: unknown): Change {
  return (event) => {
    const [target, member] = parentOf(event, path);
    target[member] = value;
  };
}

export function remove(path: string): Change {
  return (event) => {
    const [target, member] = parentOf(event, path);
    delete target[member];
  };
}
