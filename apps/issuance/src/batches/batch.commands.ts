import { cliActor } from '../batch-history/batch-actor';
import { done, integerOption, IssuanceCommand, requiredArgument, validatedInput } from '../command-line';
import { BatchQueriesService } from './batch-queries.service';
import { CloseBatchHandler } from './close-batch.handler';
import { ClosePreviewQuery } from './close-preview.query';
import { IssueBatchDto } from './issue-batch.dto';
import { IssueBatchHandler } from './issue-batch.handler';
import { ListBatchesQueryDto } from './list-batches-query.dto';
import { VerifyBatchDto } from './verify-batch.dto';
import { VerifyBatchHandler } from './verify-batch.handler';

const BATCH_ID = 'the batch id';

export const BATCH_COMMANDS: IssuanceCommand[] = [
  {
    name: 'batches list',
    usage: '[--project <id>] [--vintage <year>] [--state open|closed|verified|issued] [--limit <n>]',
    async run(app, { options }) {
      const query = validatedInput(ListBatchesQueryDto, {
        project: options.project,
        vintage: integerOption(options.vintage),
        state: options.state,
        limit: integerOption(options.limit),
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
    },
  },
  {
    name: 'batch show',
    usage: '<batchId>',
    run: async (app, line) => done(await app.get(BatchQueriesService).get(requiredArgument(line, BATCH_ID))),
  },
  {
    name: 'batch history',
    usage: '<batchId>',
    description: 'who closed, verified and issued it, and when',
    run: async (app, line) =>
      done(await app.get(BatchQueriesService).historyOf(requiredArgument(line, BATCH_ID))),
  },
  {
    name: 'batch preview',
    usage: '<batchId>',
    description: 'what closing it now would freeze (totals, serial block, warnings); writes nothing',
    run: async (app, line) =>
      done(await app.get(ClosePreviewQuery).preview(requiredArgument(line, BATCH_ID))),
  },
  {
    name: 'batch close',
    usage: '<batchId>',
    run: async (app, line) =>
      done(await app.get(CloseBatchHandler).close(requiredArgument(line, BATCH_ID), cliActor())),
  },
  {
    name: 'batch verify',
    usage: '<batchId> --verifier <name> --report <reference>',
    async run(app, line) {
      const body = validatedInput(VerifyBatchDto, {
        verifierName: line.options.verifier,
        reportReference: line.options.report,
      });
      return done(
        await app.get(VerifyBatchHandler).verify(requiredArgument(line, BATCH_ID), body, cliActor()),
      );
    },
  },
  {
    name: 'batch issue',
    usage: '<batchId> --registry <reference>',
    async run(app, line) {
      const body = validatedInput(IssueBatchDto, { registryReference: line.options.registry });
      return done(
        await app
          .get(IssueBatchHandler)
          .issue(requiredArgument(line, BATCH_ID), body.registryReference, cliActor()),
      );
    },
  },
];
