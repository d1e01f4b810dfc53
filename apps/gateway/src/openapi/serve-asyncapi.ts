import { INestApplication } from '@nestjs/common';
import { asyncApiFileContent, contractSchemaFiles } from '@refurb/contracts';

/**
 * Serves the AsyncAPI document of the Kafka topics at `/<docs>/asyncapi.json` and the JSON Schemas it
 * references at `/<docs>/schemas/<file>`, the layout of libs/contracts, so its relative references
 * resolve. Built from the contracts at start, hence identical to the committed files.
 */
export function serveAsyncApi(app: INestApplication, docsPath: string): string {
  const documentPath = `/${docsPath}/asyncapi.json`;
  const files = new Map<string, string>([
    [documentPath, asyncApiFileContent()],
    ...contractSchemaFiles().map(({ fileName, content }): [string, string] => [
      `/${docsPath}/schemas/${fileName}`,
      content,
    ]),
  ]);
  const http = app.getHttpAdapter();
  for (const [path, content] of files) {
    http.get(path, (_request: unknown, response: unknown) => {
      http.setHeader(response, 'Content-Type', 'application/json; charset=utf-8');
      http.reply(response, content, 200);
    });
  }
  return documentPath;
}
