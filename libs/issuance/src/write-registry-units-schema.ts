import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { REGISTRY_UNITS_SCHEMA_FILE, registryUnitsSchemaFileContent } from './registry-units-schema';

// `npx ts-node --project tsconfig.json --transpile-only libs/issuance/src/write-registry-units-schema.ts` after changing the schema.
mkdirSync(dirname(REGISTRY_UNITS_SCHEMA_FILE), { recursive: true });
writeFileSync(REGISTRY_UNITS_SCHEMA_FILE, registryUnitsSchemaFileContent());
console.log(`wrote ${REGISTRY_UNITS_SCHEMA_FILE}`);
