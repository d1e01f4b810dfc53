import { INestApplication } from '@nestjs/common';
import { serveOpenApi } from '@refurb/runtime';

/** The issuance API's OpenAPI document at /docs (UI) and /docs-json, as the gateway and tracker serve theirs. */
export function setupIssuanceOpenApi(app: INestApplication): void {
  serveOpenApi(app, {
    title: 'Refurb Ledger issuance',
    description:
      'Credit batches for finance, the verifier and admins: batches and their close preview, close, ' +
      'verify and issue, the audit trail, evidence and registry exports, projects, workshops, unplaced ' +
      'lines and signed webhooks. Every route takes an API key of a role (finance, verifier, admin), ' +
      'created with `npm run issuance -- key-create`.',
  });
}
