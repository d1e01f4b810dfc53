import { CreateTrackerSchema1764086400000 } from './1764086400000-create-tracker-schema';
import { CreateCycleProjections1764172800000 } from './1764172800000-create-cycle-projections';
import { SlimDeviceCycles1764259200000 } from './1764259200000-slim-device-cycles';
import { ParkUnproducibleOutboxRows1764345600000 } from './1764345600000-park-unproducible-outbox-rows';
import { AppendOnlyDeviceEvents1764432000000 } from './1764432000000-append-only-device-events';
import { CreateTrackerApiKeys1764518400000 } from './1764518400000-create-tracker-api-keys';
import { RegisterKafkaSources1764604800000 } from './1764604800000-register-kafka-sources';
import { AddStationRole1764777600000 } from './1764777600000-add-station-role';
import { AddAuditorRole1764864000000 } from './1764864000000-add-auditor-role';

/** Append-only: a landed migration is never edited, only followed by a new one. */
export const TRACKER_MIGRATIONS = [
  CreateTrackerSchema1764086400000,
  CreateCycleProjections1764172800000,
  SlimDeviceCycles1764259200000,
  ParkUnproducibleOutboxRows1764345600000,
  AppendOnlyDeviceEvents1764432000000,
  CreateTrackerApiKeys1764518400000,
  RegisterKafkaSources1764604800000,
  AddStationRole1764777600000,
  AddAuditorRole1764864000000,
];
