import 'reflect-metadata';
import { loadConfig } from '@refurb/config';
import { bootstrapService, runService } from '@refurb/runtime';
import { trackerService } from './service-definition';
import { TrackerEnv } from './tracker.env';

runService('tracker', async () => {
  await bootstrapService(trackerService(loadConfig(TrackerEnv)));
});
