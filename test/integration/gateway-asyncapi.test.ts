import { DiagnosticSeverity, fromURL, Parser } from '@asyncapi/parser';
import { ASYNCAPI_FILE, TOPICS } from '@refurb/contracts';
import { TestDatabase } from '@refurb/testing';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InProcessGateway as Gateway, startGateway } from '../support/in-process-gateway';

const SCHEMA_DIRECTORY = join(ASYNCAPI_FILE, '..', 'schemas');

describe('gateway serves the AsyncAPI document of the topics beside the OpenAPI document', () => {
  let database: TestDatabase;
  let gateway: Gateway;

  beforeAll(async () => {
    database = await TestDatabase.create('gateway_asyncapi');
    gateway = await startGateway(database);
  });

  afterAll(async () => {
    await gateway?.app.close();
    await database?.drop();
  });

  it('serves the committed document at /docs/asyncapi.json, without an API key', async () => {
    const response = await fetch(`${gateway.url}/docs/asyncapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.text()).toEqual(readFileSync(ASYNCAPI_FILE, 'utf8'));
  });

  it('serves every committed JSON Schema where the document references it', async () => {
    for (const fileName of readdirSync(SCHEMA_DIRECTORY)) {
      const response = await fetch(`${gateway.url}/docs/schemas/${fileName}`);
      expect({ fileName, status: response.status, body: await response.text() }).toEqual({
        fileName,
        status: 200,
        body: readFileSync(join(SCHEMA_DIRECTORY, fileName), 'utf8'),
      });
    }
  });

  it('the served document parses, its references resolved over HTTP, with every topic', async () => {
    const { document, diagnostics } = await fromURL(
      new Parser(),
      `${gateway.url}/docs/asyncapi.json`,
    ).parse();
    const problems = diagnostics
      .filter((d) => Number(d.severity) <= Number(DiagnosticSeverity.Warning))
      .map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`);
    expect(problems).toEqual([]);
    const addresses = document!
      .channels()
      .all()
      .map((channel) => channel.address());
    expect(addresses.sort()).toEqual(Object.values(TOPICS).sort());
  });

  it('links it from the OpenAPI document', async () => {
    const openApi = (await (await fetch(`${gateway.url}/docs-json`)).json()) as {
      externalDocs?: { url: string };
    };
    expect(openApi.externalDocs?.url).toBe('/docs/asyncapi.json');
  });
});
