import { DiagnosticSeverity, fromFile, MessageInterface, Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEAD_LETTER_HEADERS } from '../dead-letter-headers';
import { DEVICE_EVENT_TYPES } from '../device-event';
import { contractSchemaFiles, RECORD_SCHEMAS } from '../json-schema/contract-schemas';
import { SCHEMA_DIRECTORY, schemaFileName } from '../json-schema/device-event-schemas';
import { TOPIC_BY_EVENT_TYPE, TOPICS } from '../topics';
import { ASYNCAPI_FILE, asyncApiFileContent } from './asyncapi-document';
import { messageId } from './asyncapi-messages';

type Json = Record<string, unknown>;

/** A parsed schema without the ids and markers the parser adds to every subschema. */
function withoutParserMarks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutParserMarks);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !key.startsWith('x-parser-'))
      .map(([key, member]) => [key, withoutParserMarks(member)]),
  );
}

/** `schema` with each local `$ref` replaced by what it points to, as the parser resolves it. */
function withLocalRefsInlined(schema: unknown, root: unknown = schema): unknown {
  if (Array.isArray(schema)) return schema.map((item) => withLocalRefsInlined(item, root));
  if (typeof schema !== 'object' || schema === null) return schema;
  const { $ref } = schema as { $ref?: unknown };
  if (typeof $ref === 'string' && $ref.startsWith('#/')) {
    const target = $ref
      .slice(2)
      .split('/')
      .reduce((node, key) => (node as Json)[key], root);
    return withLocalRefsInlined(target, root);
  }
  return Object.fromEntries(
    Object.entries(schema).map(([key, member]) => [key, withLocalRefsInlined(member, root)]),
  );
}

function committedSchema(fileName: string): Json {
  return JSON.parse(readFileSync(join(SCHEMA_DIRECTORY, fileName), 'utf8')) as Json;
}

/** A message's payload as the parser resolved it, or the committed schema (`pointer` into it) resolved alike. */
function payloadOf(message: MessageInterface): unknown {
  return withoutParserMarks(message.payload()!.json<{ schema: unknown }>().schema);
}
function resolved(fileName: string, pointer: string[] = []): unknown {
  const schema = committedSchema(fileName);
  const inlined = withLocalRefsInlined(schema) as Json;
  return pointer.reduce((node, key) => (node as Json)[key], inlined as unknown);
}

describe('the AsyncAPI document', () => {
  const parsed = fromFile(new Parser(), ASYNCAPI_FILE).parse();

  it('libs/contracts/asyncapi.json is exactly what `npm run contracts:schemas` generates', () => {
    expect(readFileSync(ASYNCAPI_FILE, 'utf8')).toEqual(asyncApiFileContent());
  });

  it('parses with @asyncapi/parser without an error or a warning', async () => {
    const { document, diagnostics } = await parsed;
    const problems = diagnostics
      .filter((d) => Number(d.severity) <= Number(DiagnosticSeverity.Warning))
      .map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('has one channel per topic, at its address', async () => {
    const { document } = await parsed;
    const addresses = document!
      .channels()
      .all()
      .map((channel) => channel.address());
    expect(addresses.sort()).toEqual(Object.values(TOPICS).sort());
  });

  it('says who sends and who receives on every topic', async () => {
    const { document } = await parsed;
    for (const topic of Object.values(TOPICS)) {
      const channel = document!
        .channels()
        .all()
        .find((c) => c.address() === topic)!;
      const actions = channel
        .operations()
        .all()
        .map((operation) => operation.action());
      expect({ topic, actions: actions.sort() }).toEqual({ topic, actions: ['receive', 'send'] });
    }
  });

  it('carries each device event on its topic, in structured and binary mode, keyed and typed', async () => {
    const { document } = await parsed;
    for (const type of DEVICE_EVENT_TYPES) {
      const channel = document!
        .channels()
        .all()
        .find((c) => c.address() === TOPIC_BY_EVENT_TYPE[type])!;
      const structured = channel.messages().get(messageId(type))!;
      const binary = channel.messages().get(`${messageId(type)}Binary`)!;
      expect(payloadOf(structured)).toEqual(resolved(schemaFileName(type)));
      expect(payloadOf(binary)).toEqual(resolved(schemaFileName(type), ['properties', 'data']));
      const ceHeaders = Object.keys(binary.headers()!.properties()!).filter((name) => name.startsWith('ce_'));
      expect(ceHeaders).toEqual(['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_subject', 'ce_time']);
      expect(binary.headers()!.properties()!.ce_type.const()).toBe(type);
      expect(structured.bindings().get('kafka')?.value<Json>().key).toMatchObject({ type: 'string' });
    }
  });

  it('gives every record topic the committed schema of its record', async () => {
    const { document } = await parsed;
    for (const [topic, { fileName }] of Object.entries(RECORD_SCHEMAS)) {
      const channel = document!
        .channels()
        .all()
        .find((c) => c.address() === topic)!;
      const [message] = channel.messages().all();
      expect(payloadOf(message)).toEqual(resolved(fileName));
    }
  });

  it('references every committed schema, and only those', () => {
    const referenced = [...readFileSync(ASYNCAPI_FILE, 'utf8').matchAll(/"\.\/schemas\/([^"#]+)/g)].map(
      ([, fileName]) => fileName,
    );
    expect([...new Set(referenced)].sort()).toEqual(
      contractSchemaFiles()
        .map((f) => f.fileName)
        .sort(),
    );
  });

  it('lists on the dead-letter topic exactly the headers dead-lettering writes', async () => {
    const { document } = await parsed;
    const channel = document!
      .channels()
      .all()
      .find((c) => c.address() === TOPICS.deadLetter)!;
    const headers = channel.messages().all()[0].headers()!;
    expect(Object.keys(headers.properties()!).sort()).toEqual(Object.values(DEAD_LETTER_HEADERS).sort());
    expect([...(headers.required() ?? [])].sort()).toEqual(
      Object.values(DEAD_LETTER_HEADERS)
        .filter((name) => name !== DEAD_LETTER_HEADERS.field)
        .sort(),
    );
  });

  it('documents the partitioner, the compression and the dead-letter topic size', async () => {
    const { document } = await parsed;
    const description = document!.info().description() ?? '';
    expect(description).toMatch(/murmur2/);
    expect(description).toMatch(/gzip, snappy, LZ4 and zstd/);
    const deadLetter = document!
      .channels()
      .all()
      .find((c) => c.address() === TOPICS.deadLetter)!;
    expect(deadLetter.bindings().get('kafka')?.value<Json>()).toMatchObject({
      topicConfiguration: { 'max.message.bytes': 8 * 1024 * 1024, 'retention.ms': -1 },
    });
  });
});
