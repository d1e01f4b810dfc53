import { isDeepStrictEqual } from 'node:util';
import { ClassConstructor } from 'class-transformer';
import { compileDtoValidator, NOT_COMPILED } from '../dto/compile-dto-validator';
import { CloudEventEnvelopeDto } from '../dto/cloud-event-envelope.dto';
import { dtoShape } from '../dto/dto-shape';
import { instantiateDto } from '../dto/instantiate-dto';
import { pickDeclared } from '../dto/safe-plain';
import { TransportLegDto } from '../dto/transport-leg.dto';
import { validateDto } from '../dto/validate-dto';
import { validateDtoReference } from '../dto/validate-dto-reference';
import { EVENT_DATA_DTOS } from '../event-data-parsers';

export interface EquivalenceReport {
  /** validateDto calls compared (an input is validated against several DTOs). */
  compared: number;
  accepted: number;
  /** Rejections by code. */
  codes: Record<string, number>;
  /**
   * JSON inputs (what the doors decode) the compiled validator handed to validateSync: same answer, but
   * not the fast path. Non-JSON values (a function where the transport leg goes) may fall back; not counted.
   */
  fallbacks: number;
  /** The first differences found, readable. */
  mismatches: string[];
}

type Outcome = { ok: true; value: unknown } | { ok: false; rejection: unknown } | { threw: string };

function outcomeOf(run: () => { ok: true; value: unknown } | { ok: false; rejection: unknown }): Outcome {
  try {
    return run();
  } catch (error) {
    return { threw: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  if ('threw' in a || 'threw' in b) return isDeepStrictEqual(a, b);
  if (a.ok && b.ok) {
    const [x, y] = [a.value as object, b.value as object];
    return x.constructor === y.constructor && isDeepStrictEqual(x, y);
  }
  return isDeepStrictEqual(a, b);
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 300) ?? String(value);
  } catch {
    return String(value);
  }
}

function isJson(value: unknown): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(JSON.stringify(value)), value);
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Runs validateDto (compiled) and validateDtoReference (validateSync) on every input, with the envelope
 * DTO, then every event type's data DTO on its `data`, then the transport DTO on `data.transport`
 * (whatever the event's type, to exercise each DTO with every kind of data), and records any
 * difference in verdict, reason code, message, field or validated value.
 */
export function compareValidationPaths(inputs: readonly unknown[]): EquivalenceReport {
  const report: EquivalenceReport = { compared: 0, accepted: 0, codes: {}, fallbacks: 0, mismatches: [] };
  const compare = (dto: ClassConstructor<object>, plain: Record<string, unknown>, prefix: string) => {
    report.compared += 1;
    const fast = outcomeOf(() => validateDto(dto, plain, prefix));
    const reference = outcomeOf(() => validateDtoReference(dto, plain, prefix));
    if (!sameOutcome(fast, reference) && report.mismatches.length < 20) {
      report.mismatches.push(
        `${dto.name} on ${describe(plain)}: compiled ${describe(fast)} vs reference ${describe(reference)}`,
      );
    }
    if ('ok' in reference && reference.ok) report.accepted += 1;
    if ('ok' in reference && !reference.ok) {
      const { code } = reference.rejection as { code: string };
      report.codes[code] = (report.codes[code] ?? 0) + 1;
    }
    const compilation = compileDtoValidator(dto);
    try {
      const instance = instantiateDto(dto, pickDeclared(dtoShape(dto).properties, plain));
      const fellBack = !compilation.ok || compilation.validate(instance, prefix) === NOT_COMPILED;
      if (fellBack && isJson(plain)) report.fallbacks += 1;
    } catch {
      // Thrown by a constraint's message (a BigInt): whether the reference throws alike is compared above.
    }
  };
  for (const input of inputs) {
    if (!isRecord(input)) continue;
    compare(CloudEventEnvelopeDto, input, '');
    const data = input.data;
    if (!isRecord(data)) continue;
    for (const dto of Object.values(EVENT_DATA_DTOS)) compare(dto, data, 'data');
    if (isRecord(data.transport)) compare(TransportLegDto, data.transport, 'data.transport');
  }
  return report;
}
