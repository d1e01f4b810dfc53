import { INestApplication } from '@nestjs/common';
import { serveOpenApi } from '@refurb/runtime';

/** The tracker API's OpenAPI document at /docs (UI) and /docs-json, as the gateway and issuance serve theirs. */
export function setupTrackerOpenApi(app: INestApplication): void {
  serveOpenApi(app, {
    title: 'Refurb Ledger tracker',
    description:
      "Devices' cycles and their evidence events, and open conflicts (double claims). Every route takes a " +
      'tracker key: operators read every device, a workshop key the devices its workshop touched.',
  });
}
