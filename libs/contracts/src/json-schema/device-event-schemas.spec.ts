import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCEPTED, badInputCorpus, corpusBodyBytes, DUPLICATE } from '../testing/bad-input-corpus';
import { validDeviceEvents } from '../testing/valid-device-events';
import { DEVICE_EVENT_TYPES, DeviceEventType } from '../device-event';
import { FIXTURE_NOW, rawDeviceEvents } from '../testing/raw-device-events.fixture';
import { contractSchemaFiles } from './contract-schemas';
import { deviceEventSchema, SCHEMA_DIRECTORY, schemaFileName } from './device-event-schemas';

/** Refusals that depend on more than the shape (checksums, clocks, calendars, history): documented, not checked. */
const BEYOND_A_SCHEMA = new Set([
  'IMEI failing the Luhn check',
  'all-zero placeholder IMEI',
  'time on a day that does not exist',
  'time an hour in the future',
  'time before 2000',
  'subject names another device',
  'lone surrogate in return reason',
  'id reuse: same id, different payload',
]);

function published(type: DeviceEventType): object {
  return JSON.parse(readFileSync(join(SCHEMA_DIRECTORY, schemaFileName(type)), 'utf8')) as object;
}

describe('device event JSON Schemas', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
  const validators = new Map<string, ValidateFunction>(
    DEVICE_EVENT_TYPES.map((type) => [type, ajv.compile(published(type))]),
  );
  const validatorFor = (type: unknown): ValidateFunction =>
    validators.get(String(type)) ?? validators.get('device.collected')!;

  it('the published files are exactly what `npm run contracts:schemas` generates', () => {
    const expected = contractSchemaFiles();
    expect(readdirSync(SCHEMA_DIRECTORY).sort()).toEqual(expected.map((file) => file.fileName).sort());
    for (const { fileName, content } of expected) {
      expect({ fileName, content: readFileSync(join(SCHEMA_DIRECTORY, fileName), 'utf8') }).toEqual({
        fileName,
        content,
      });
    }
  });

  it.each(DEVICE_EVENT_TYPES)('%s: a draft 2020-12 schema of the whole CloudEvent', (type) => {
    const schema = deviceEventSchema(type);
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: type,
      required: ['specversion', 'id', 'source', 'type', 'time', 'data'],
      properties: { type: { const: type } },
    });
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it.each(DEVICE_EVENT_TYPES)('%s: the raw fixture event partners send validates', (type) => {
    const validate = validatorFor(type);
    expect({ valid: validate(rawDeviceEvents()[type]), errors: validate.errors ?? null }).toEqual({
      valid: true,
      errors: null,
    });
  });

  it('every generated valid event validates against its type', () => {
    for (const event of validDeviceEvents(70, { runId: 'schema', now: FIXTURE_NOW })) {
      const validate = validatorFor(event.type);
      expect({ id: event.id, valid: validate(event), errors: validate.errors ?? null }).toEqual({
        id: event.id,
        valid: true,
        errors: null,
      });
    }
  });

  it('an event of another type fails the schema of this one', () => {
    expect(validatorFor('device.resold')(rawDeviceEvents()['device.collected'])).toBe(false);
  });

  describe('the bad-input corpus (HTTP door cases)', () => {
    const corpus = badInputCorpus({ runId: 'schema', now: FIXTURE_NOW }).filter((c) =>
      c.doors.includes('http'),
    );
    // A schema judges JSON values: bodies that are not UTF-8 JSON are the decoder's business.
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    const parsed = corpus.flatMap((testCase) => {
      try {
        return [
          {
            testCase,
            event: JSON.parse(utf8.decode(corpusBodyBytes(testCase) ?? Buffer.alloc(0))) as unknown,
          },
        ];
      } catch {
        return [];
      }
    });

    it.each(parsed.map(({ testCase, event }) => [testCase.name, testCase, event] as const))(
      '%s',
      (name, testCase, event) => {
        const harmless = testCase.expectedCode === ACCEPTED || testCase.expectedCode === DUPLICATE;
        const type = (event as { type?: unknown } | null)?.type;
        const valid = validatorFor(type)(event);
        expect({ name, valid }).toEqual({ name, valid: harmless || BEYOND_A_SCHEMA.has(name) });
      },
    );

    it('covers every case whose body is JSON, and lists no semantic case that is not in the corpus', () => {
      expect(parsed.length).toBeGreaterThanOrEqual(60);
      const names = new Set(corpus.map((c) => c.name));
      expect([...BEYOND_A_SCHEMA].filter((name) => !names.has(name))).toEqual([]);
    });
  });
});
