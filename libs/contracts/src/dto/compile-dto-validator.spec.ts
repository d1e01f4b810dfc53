import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsString, Length, Validate, ValidateNested, ValidatorConstraint } from 'class-validator';
import { decodeCloudEvent } from '../cloud-event-codec';
import { EVENT_DATA_DTOS } from '../event-data-parsers';
import { badInputCorpus, corpusBodyBytes } from '../testing/bad-input-corpus';
import { rawDeviceEvents } from '../testing/raw-device-events.fixture';
import { validDeviceEvents } from '../testing/valid-device-events';
import { compareValidationPaths } from '../testing/validation-equivalence';
import { fuzzEvents } from '../testing/validation-fuzz';
import { CloudEventEnvelopeDto } from './cloud-event-envelope.dto';
import { compileDtoValidator } from './compile-dto-validator';
import { TransportLegDto } from './transport-leg.dto';
import { validateDto } from './validate-dto';
import { validateDtoReference } from './validate-dto-reference';

const now = new Date();

function validEvents(): Record<string, unknown>[] {
  return [...Object.values(rawDeviceEvents()), ...validDeviceEvents(70, { runId: 'compiled', now })];
}

/** What each corpus case hands to validation: its decoded envelope (binary mode included). */
function corpusEnvelopes(): unknown[] {
  return badInputCorpus({ runId: 'compiled', now }).flatMap((testCase) => {
    const decoded = decodeCloudEvent({ value: corpusBodyBytes(testCase), headers: testCase.kafkaHeaders });
    const json = 'json' in testCase.body ? [testCase.body.json] : [];
    return decoded.ok ? [decoded.envelope, ...json] : json;
  });
}

describe('compileDtoValidator', () => {
  const dtos = [CloudEventEnvelopeDto, TransportLegDto, ...Object.values(EVENT_DATA_DTOS)];

  it.each(dtos.map((dto) => [dto.name, dto] as const))('compiles %s', (_name, dto) => {
    expect(compileDtoValidator(dto)).toMatchObject({ ok: true });
  });

  it('enumerates the constraints the event DTOs use', () => {
    const used = new Set(
      dtos.flatMap((dto) => {
        const compilation = compileDtoValidator(dto);
        return compilation.ok ? compilation.constraints : [];
      }),
    );
    expect([...used].sort()).toEqual([
      'arrayMaxSize',
      'arrayNotEmpty',
      'isAbsent',
      'isArray',
      'isCleanText',
      'isCountryCode',
      'isDefined',
      'isDeviceIdShape',
      'isEventId',
      'isIn',
      'isJsonMediaType',
      'isKnownPartList',
      'isNotBlank',
      'isNotFormula',
      'isNumber',
      'isObject',
      'isOptional',
      'isRfc3339',
      'isString',
      'isValidImei',
      'max',
      'min',
      'nestedValidation',
    ]);
  });
});

describe('compiled validators give validateSync verdicts, codes and messages', () => {
  it('on the bad-input corpus of the door tests', () => {
    const report = compareValidationPaths(corpusEnvelopes());
    expect(report.mismatches).toEqual([]);
    expect(report.fallbacks).toBe(0);
    expect(Object.keys(report.codes).length).toBeGreaterThanOrEqual(12);
  });

  it('on valid events of every type', () => {
    const report = compareValidationPaths(validEvents());
    expect(report.mismatches).toEqual([]);
    expect(report.accepted).toBeGreaterThan(100);
  });

  it('on 8,000 fuzzed mutations of valid events', () => {
    const report = compareValidationPaths(fuzzEvents(validEvents(), 8000, 13));
    expect(report.mismatches).toEqual([]);
    expect(report.fallbacks).toBe(0);
    expect(report.compared).toBeGreaterThan(8000);
    expect(report.accepted).toBeGreaterThan(1000);
    expect(Object.keys(report.codes).length).toBeGreaterThanOrEqual(12);
  });
});

// Shapes the event DTOs do not use: the compiler must refuse them and validateDto still answer.
@ValidatorConstraint({ name: 'slow', async: true })
class AsyncConstraint {
  validate(): Promise<boolean> {
    return Promise.resolve(false);
  }
}

class EachDto {
  @IsString({ each: true })
  tags!: string[];
}

class AsyncDto {
  @Validate(AsyncConstraint)
  name!: string;
}

class UntypedNestedDto {
  @ValidateNested()
  child!: unknown;
}

class InnerDto {
  @Length(2, 3)
  code!: string;
}

class TypedNestedDto {
  @ValidateNested()
  @Type(() => InnerDto)
  child!: InnerDto;
}

class EmptyDto {}

describe('compileDtoValidator on shapes it does not mirror', () => {
  it.each([
    ['each', EachDto, { tags: ['a', 1] }],
    ['async', AsyncDto, { name: 'x' }],
    ['nested without @Type', UntypedNestedDto, { child: { a: 1 } }],
    ['no metadata', EmptyDto, { a: 1 }],
  ] as const)('refuses %s and falls back to validateSync', (_name, dto, plain) => {
    expect(compileDtoValidator(dto)).toMatchObject({ ok: false });
    expect(validateDto(dto, plain)).toEqual(validateDtoReference(dto, plain));
  });

  it('compiles a nested DTO with a built-in constraint and matches validateSync', () => {
    expect(compileDtoValidator(TypedNestedDto)).toMatchObject({ ok: true });
    for (const child of [{ code: 'abcd' }, { code: 'ab' }, 'x', 12, null, [], {}, { code: '$value' }]) {
      const plain = { child };
      expect(validateDto(TypedNestedDto, plain, 'p')).toEqual(
        validateDtoReference(TypedNestedDto, plain, 'p'),
      );
    }
  });
});
