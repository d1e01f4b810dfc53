import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SECURITY, BEARER_SECURITY } from './security-schemes';
import { serveAsyncApi } from './serve-asyncapi';

const DOCS_PATH = 'docs';

/**
 * Serves the OpenAPI document (the UI at /docs, the JSON at /docs-json) and, beside it, the AsyncAPI
 * document of the Kafka topics (/docs/asyncapi.json). Call before the app starts.
 */
export function setupOpenApi(app: INestApplication): void {
  const asyncApiPath = serveAsyncApi(app, DOCS_PATH);
  const config = new DocumentBuilder()
    .setTitle('Refurb Ledger gateway')
    .setDescription(
      'HTTP front door for partners that do not produce to Kafka themselves: device lifecycle events in, ' +
        'per-event answers out. Every request needs an API key (ask the operator for one). Partners ' +
        `producing to Kafka themselves: the topics are described by the AsyncAPI document at ${asyncApiPath}.`,
    )
    .setExternalDoc('AsyncAPI document of the Kafka topics', asyncApiPath)
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, API_KEY_SECURITY)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'rl_<key id>_<secret>',
        description: 'The same API key as a bearer token',
      },
      BEARER_SECURITY,
    )
    .build();
  SwaggerModule.setup(DOCS_PATH, app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
  });
}
