import { INestApplicationContext } from '@nestjs/common';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { isApiRole } from '../auth/api-role';
import { ManageApiKeysHandler } from '../auth/manage-api-keys.handler';
import { BatchQueriesService } from '../batches/batch-queries.service';
import { CloseBatchHandler } from '../batches/close-batch.handler';
import { IssueBatchDto } from '../batches/issue-batch.dto';
import { IssueBatchHandler } from '../batches/issue-batch.handler';
import { ListBatchesQueryDto } from '../batches/list-batches-query.dto';
import { VerifyBatchDto } from '../batches/verify-batch.dto';
import { VerifyBatchHandler } from '../batches/verify-batch.handler';
import { UnplacedLinesQuery } from '../unplaced-lines/unplaced-lines.query';
import { PlacePendingHandler } from '../place-credit-lines/place-pending.handler';
import { ExportEvidenceCsvHandler } from '../evidence/export-evidence-csv.handler';
import { RecomputeBatchHandler } from '../evidence/recompute-batch.handler';
import { IssuanceException } from '../issuance.exception';
import { ProjectParamsDto, WorkshopParamsDto } from '../projects/project-params.dto';
import { SeedLocalHandler } from '../projects/seed-local.handler';
import { UpsertProjectDto } from '../projects/upsert-project.dto';
import { UpsertProjectHandler } from '../projects/upsert-project.handler';
import { UpsertWorkshopDto } from '../projects/upsert-workshop.dto';
import { UpsertWorkshopHandler } from '../projects/upsert-workshop.handler';
import { validatedInput } from './cli-input';

export const USAGE = `usage: npm run issuance -- <command>
  key-create --role finance|verifier|admin [--label <text>]   prints a new API key (shown once)
  key-revoke <keyId>
  batches list [--project <id>] [--vintage <year>] [--state open|closed|verified|issued] [--limit <n>]
  batch show <batchId>
  batch close <batchId>
  batch verify <batchId> --verifier <name> --report <reference>
  batch issue <batchId> --registry <reference>
  batch evidence <batchId>                                     prints the evidence CSV
  recompute <batchId>                                          exit code 3 if anything differs
  project upsert <projectId> --company <name> --country <CC> [--discount-bp <bp>]
  workshop upsert <workshopId> --name <name> --project <projectId> [--valid-from <RFC 3339>]
  unplaced list [--limit <n>]
  place-pending
  seed-local                                                   demo projects FR-01, DE-01 and their workshops`;

export interface CommandResult {
  /** JSON for everything but the evidence CSV. */
  output: unknown;
  exitCode: number;
}

const OPTIONS = {
  role: { type: 'string' },
  label: { type: 'string' },
  project: { type: 'string' },
  vintage: { type: 'string' },
  state: { type: 'string' },
  limit: { type: 'string' },
  verifier: { type: 'string' },
  report: { type: 'string' },
  registry: { type: 'string' },
  company: { type: 'string' },
  country: { type: 'string' },
  'discount-bp': { type: 'string' },
  name: { type: 'string' },
  'valid-from': { type: 'string' },
} as const;

function usage(problem: string): never {
  throw new IssuanceException('ISSUANCE.INVALID_REQUEST', `${problem}\n${USAGE}`);
}

/** Commands made of two words; the others take their argument right after the command. */
const GROUPS = new Set(['batch', 'batches', 'project', 'workshop', 'unplaced']);

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
}

function integerOption(value: string | undefined): number | undefined {
  return value === undefined ? undefined : /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
}

/** One operator command against an application context of IssuanceCliModule (or the service). */
export async function runIssuanceCommand(
  app: INestApplicationContext,
  argv: string[],
): Promise<CommandResult> {
  const { values, positionals } = parseCommandLine(argv);
  const grouped = GROUPS.has(positionals[0] ?? '');
  const name = grouped ? positionals.slice(0, 2).join(' ') : (positionals[0] ?? '');
  const id = grouped ? positionals[2] : positionals[1];
  const done = (output: unknown, exitCode = 0): CommandResult => ({ output, exitCode });
  const need = (value: string | undefined, what: string): string => value ?? usage(`missing ${what}`);

  switch (name) {
    case 'key-create': {
      const role = values.role;
      if (!isApiRole(role)) usage('--role must be finance, verifier or admin');
      return done(await app.get(ManageApiKeysHandler).create(role, values.label ?? ''));
    }
    case 'key-revoke':
      await app.get(ManageApiKeysHandler).revoke(need(id, 'the key id'));
      return done({ revoked: id });
    case 'batches list': {
      const query = validatedInput(ListBatchesQueryDto, {
        project: values.project,
        vintage: integerOption(values.vintage),
        state: values.state,
        limit: integerOption(values.limit),
      });
      return done(
        await app.get(BatchQueriesService).list({
          projectId: query.project,
          vintage: query.vintage,
          state: query.state,
          limit: query.limit,
          offset: 0,
        }),
      );
    }
    case 'batch show':
      return done(await app.get(BatchQueriesService).get(need(id, 'the batch id')));
    case 'batch close':
      return done(await app.get(CloseBatchHandler).close(need(id, 'the batch id')));
    case 'batch verify': {
      const body = validatedInput(VerifyBatchDto, {
        verifierName: values.verifier,
        reportReference: values.report,
      });
      return done(await app.get(VerifyBatchHandler).verify(need(id, 'the batch id'), body));
    }
    case 'batch issue': {
      const body = validatedInput(IssueBatchDto, { registryReference: values.registry });
      return done(await app.get(IssueBatchHandler).issue(need(id, 'the batch id'), body.registryReference));
    }
    case 'batch evidence':
      return done(await app.get(ExportEvidenceCsvHandler).text(need(id, 'the batch id')));
    case 'recompute': {
      const report = await app.get(RecomputeBatchHandler).recompute(need(id, 'the batch id'));
      return done(report, report.matches ? 0 : 3);
    }
    case 'project upsert': {
      const { id: projectId } = validatedInput(ProjectParamsDto, { id: need(id, 'the project id') });
      const body = validatedInput(UpsertProjectDto, {
        company: values.company,
        country: values.country,
        discountBp: integerOption(values['discount-bp']),
      });
      return done(await app.get(UpsertProjectHandler).upsert({ id: projectId, ...body }));
    }
    case 'workshop upsert': {
      const { id: workshopId } = validatedInput(WorkshopParamsDto, { id: need(id, 'the workshop id') });
      const body = validatedInput(UpsertWorkshopDto, {
        name: values.name,
        projectId: values.project,
        validFrom: values['valid-from'],
      });
      return done(
        await app.get(UpsertWorkshopHandler).upsert({
          id: workshopId,
          name: body.name,
          projectId: body.projectId,
          validFrom: body.validFrom === undefined ? undefined : new Date(body.validFrom),
        }),
      );
    }
    case 'unplaced list': {
      const limit = integerOption(values.limit) ?? 100;
      return done(await app.get(UnplacedLinesQuery).list(app.get(DataSource).manager, limit));
    }
    case 'place-pending':
      return done(await app.get(PlacePendingHandler).placePending());
    case 'seed-local':
      return done(await app.get(SeedLocalHandler).seed());
    default:
      return usage(`unknown command: ${positionals.join(' ') || '(none)'}`);
  }
}
