import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from '@refurb/database';
import { OutboxWriter } from '@refurb/kafka';
import { IssuanceEnv } from '../issuance.env';
import { batchRecordSigner } from '../issuance-keys';
import { ISSUANCE_OUTBOX_TABLE, ISSUANCE_PROVIDERS } from '../issuance.providers';
import { ISSUANCE_MIGRATIONS } from '../migrations';

/**
 * The use cases without HTTP, Kafka or the consumer, for operators' commands. Transitions write their
 * finance events to the outbox as usual; the running service's relay produces them.
 */
@Module({})
export class IssuanceCliModule {
  static forRoot(env: IssuanceEnv): DynamicModule {
    return {
      module: IssuanceCliModule,
      imports: [
        DatabaseModule.forService(
          { url: env.DATABASE_URL, applicationName: 'issuance-cli', poolSize: 2 },
          { schema: 'issuance', entities: [], migrations: ISSUANCE_MIGRATIONS },
        ),
      ],
      providers: [
        ...ISSUANCE_PROVIDERS,
        batchRecordSigner(env),
        { provide: OutboxWriter, useValue: new OutboxWriter(ISSUANCE_OUTBOX_TABLE) },
      ],
    };
  }
}
