import { done, integerOption, IssuanceCommand, requiredArgument, validatedInput } from '../command-line';
import { ProjectParamsDto, WorkshopParamsDto } from './project-params.dto';
import { SeedLocalHandler } from './seed-local.handler';
import { UpsertProjectDto } from './upsert-project.dto';
import { UpsertProjectHandler } from './upsert-project.handler';
import { UpsertWorkshopDto } from './upsert-workshop.dto';
import { UpsertWorkshopHandler } from './upsert-workshop.handler';

export const PROJECT_COMMANDS: IssuanceCommand[] = [
  {
    name: 'project upsert',
    usage: '<projectId> --company <name> --country <CC> [--discount-bp <bp>]',
    async run(app, line) {
      const { id } = validatedInput(ProjectParamsDto, { id: requiredArgument(line, 'the project id') });
      const body = validatedInput(UpsertProjectDto, {
        company: line.options.company,
        country: line.options.country,
        discountBp: integerOption(line.options['discount-bp']),
      });
      return done(await app.get(UpsertProjectHandler).upsert({ id, ...body }));
    },
  },
  {
    name: 'workshop upsert',
    usage: '<workshopId> --name <name> --project <projectId> [--valid-from <RFC 3339>]',
    async run(app, line) {
      const { id } = validatedInput(WorkshopParamsDto, { id: requiredArgument(line, 'the workshop id') });
      const body = validatedInput(UpsertWorkshopDto, {
        name: line.options.name,
        projectId: line.options.project,
        validFrom: line.options['valid-from'],
      });
      return done(
        await app.get(UpsertWorkshopHandler).upsert({
          id,
          name: body.name,
          projectId: body.projectId,
          validFrom: body.validFrom === undefined ? undefined : new Date(body.validFrom),
        }),
      );
    },
  },
  {
    name: 'seed-local',
    usage: '',
    description: 'demo projects FR-01, DE-01 and their workshops',
    run: async (app) => done(await app.get(SeedLocalHandler).seed()),
  },
];
