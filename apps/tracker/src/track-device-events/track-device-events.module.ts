import { DynamicModule, Module } from '@nestjs/common';
import { RecordSigner, RecordVerifier } from '@refurb/contracts';
import { KafkaSourceRepository } from '../kafka-sources/kafka-source.repository';
import { CycleCreditRepository } from '../storage/cycle-credit.repository';
import { DeviceCycleRepository } from '../storage/device-cycle.repository';
import { DeviceEventStore } from '../storage/device-event.store';
import { FactorSetRepository } from '../storage/factor-set.repository';
import { DeviceEventsConsumer } from './device-events.consumer';
import { DeviceEventsMetrics } from './device-events.metrics';
import { FactorSetCheck } from './factor-set.check';
import { HISTORY_LIMITS, HistoryLimits } from './history-limits';
import { GATEWAY_RECORD_VERIFIER, RecordDeviceEventsHandler } from './record-device-events.handler';
import {
  CREDIT_RECORD_SIGNER,
  RederiveDeviceCyclesHandler,
  TRACKER_FACTOR_SET_VERSION,
} from './rederive-device-cycles.handler';
import { RegisteredSources } from './registered-sources';
import { TrackDeviceEventsHandler } from './track-device-events.handler';

/**
 * The tracker's one use case, wired in one place: the consumer of the four input topics records each
 * batch's events and re-derives their devices' cycles and credits, in the batch's transaction.
 */
@Module({})
export class TrackDeviceEventsModule {
  static configure(options: {
    factorSetVersion: string;
    historyLimits: HistoryLimits;
    creditRecordSigner: RecordSigner;
    gatewayRecordVerifier: RecordVerifier;
  }): DynamicModule {
    return {
      module: TrackDeviceEventsModule,
      controllers: [DeviceEventsConsumer],
      providers: [
        { provide: TRACKER_FACTOR_SET_VERSION, useValue: options.factorSetVersion },
        { provide: HISTORY_LIMITS, useValue: options.historyLimits },
        { provide: CREDIT_RECORD_SIGNER, useValue: options.creditRecordSigner },
        { provide: GATEWAY_RECORD_VERIFIER, useValue: options.gatewayRecordVerifier },
        KafkaSourceRepository,
        RegisteredSources,
        FactorSetCheck,
        DeviceEventStore,
        RecordDeviceEventsHandler,
        DeviceCycleRepository,
        CycleCreditRepository,
        FactorSetRepository,
        RederiveDeviceCyclesHandler,
        TrackDeviceEventsHandler,
        DeviceEventsMetrics,
      ],
    };
  }
}
