import { NaiveCycleCredit } from './naive-cycle-credit.entity';
import { NaiveDeviceEvent } from './naive-device-event.entity';
import { NaiveRefusedEvent } from './naive-refused-event.entity';

export { NaiveCycleCredit, NaiveDeviceEvent, NaiveRefusedEvent };

export const NAIVE_ENTITIES = [NaiveDeviceEvent, NaiveCycleCredit, NaiveRefusedEvent];
