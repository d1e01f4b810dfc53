import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ASYNCAPI_FILE, asyncApiFileContent } from './asyncapi/asyncapi-document';
import { contractSchemaFiles } from './json-schema/contract-schemas';
import { SCHEMA_DIRECTORY } from './json-schema/device-event-schemas';

function write(path: string, content: string): void {
  writeFileSync(path, content);
  console.log(`wrote ${relative(process.cwd(), path)}`);
}

/** `npm run contracts:schemas`: regenerates libs/contracts/schemas/ and the AsyncAPI document beside it. */
function writePublishedContracts(): void {
  mkdirSync(SCHEMA_DIRECTORY, { recursive: true });
  for (const { fileName, content } of contractSchemaFiles()) write(join(SCHEMA_DIRECTORY, fileName), content);
  write(ASYNCAPI_FILE, asyncApiFileContent());
}

writePublishedContracts();
