import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deviceEventSchemaFiles, SCHEMA_DIRECTORY } from './device-event-schemas';

/** `npm run contracts:schemas`: regenerates libs/contracts/schemas/ from the DTOs. */
function writeDeviceEventSchemas(): void {
  mkdirSync(SCHEMA_DIRECTORY, { recursive: true });
  for (const { fileName, content } of deviceEventSchemaFiles()) {
    const path = join(SCHEMA_DIRECTORY, fileName);
    writeFileSync(path, content);
    console.log(`wrote ${relative(process.cwd(), path)}`);
  }
}

writeDeviceEventSchemas();
