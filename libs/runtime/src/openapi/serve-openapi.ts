import { applyDecorators, INestApplication } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Where every service serves its OpenAPI UI (`/docs`) and document (`/docs-json`), without a key. */
export const DOCS_PATH = 'docs';

/** Names of the two equivalent ways to present an API key in the OpenAPI documents. */
export const API_KEY_SECURITY = 'api-key';
export const BEARER_SECURITY = 'bearer';

/** Marks a controller or route as taking the service's API key, either way. */
export const ApiKeySecured = () =>
  applyDecorators(ApiSecurity(API_KEY_SECURITY), ApiBearerAuth(BEARER_SECURITY));

export interface OpenApiDescription {
  title: string;
  description: string;
  externalDoc?: { description: string; url: string };
}

/**
 * Serves a service's OpenAPI document, built from its controllers, with the API-key schemes every
 * service shares (`X-API-Key`, or the same key as a bearer token). Call before the app starts.
 */
export function serveOpenApi(app: INestApplication, description: OpenApiDescription): void {
  const builder = new DocumentBuilder()
    .setTitle(description.title)
    .setDescription(description.description)
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
    );
  if (description.externalDoc) {
    builder.setExternalDoc(description.externalDoc.description, description.externalDoc.url);
  }
  const config = builder.build();
  SwaggerModule.setup(DOCS_PATH, app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
  });
}
