import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseHealthIndicator, DatabaseModule } from '@refurb/database';
import { HealthModule } from '@refurb/health';
import { NAIVE_ENTITIES } from './entities';
import { NAIVE_MIGRATIONS } from './migrations';
import { NaiveDeviceEventsController } from './naive-device-events.controller';
import { NaiveTrackerEnv } from './naive-tracker.env';
import { TrackNaiveEventService } from './track-naive-event.service';

/** The benchmark's baseline tracker: its own schema, migrated at start like the services'. */
@Module({})
export class NaiveTrackerModule {
  static forRoot(env: NaiveTrackerEnv): DynamicModule {
    return {
      module: NaiveTrackerModule,
      imports: [
        DatabaseModule.forService(
          { url: env.DATABASE_URL, applicationName: 'naive-tracker' },
          { schema: 'naive', entities: NAIVE_ENTITIES, migrations: NAIVE_MIGRATIONS },
        ),
        HealthModule.forIndicators(DatabaseHealthIndicator),
      ],
      controllers: [NaiveDeviceEventsController],
      providers: [TrackNaiveEventService],
    };
  }
}
