import { INestApplication } from '@nestjs/common';
import { DOCS_PATH, serveOpenApi } from '@refurb/runtime';
import { serveAsyncApi } from './serve-asyncapi';

/**
 * Serves the OpenAPI document (the UI at /docs, the JSON at /docs-json) and, beside it, the AsyncAPI
 * document of the Kafka topics (/docs/asyncapi.json). Call before the app starts.
 */
export function setupOpenApi(app: INestApplication): void {
  const asyncApiPath = serveAsyncApi(app, DOCS_PATH);
  serveOpenApi(app, {
    title: 'Refurb Ledger gateway',
    description:
      'HTTP front door for partners that do not produce to Kafka themselves: device lifecycle events in, ' +
      'per-event answers out. Every request needs an API key (ask the operator for one). Partners ' +
      `producing to Kafka themselves: the topics are described by the AsyncAPI document at ${asyncApiPath}.`,
    externalDoc: { description: 'AsyncAPI document of the Kafka topics', url: asyncApiPath },
  });
}
