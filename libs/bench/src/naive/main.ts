import 'reflect-metadata';
import { loadConfig } from '@refurb/config';
import { runService } from '@refurb/runtime';
import { startNaiveTracker } from './naive-tracker.app';
import { NaiveTrackerEnv } from './naive-tracker.env';

runService('naive-tracker', () => startNaiveTracker(loadConfig(NaiveTrackerEnv)));
