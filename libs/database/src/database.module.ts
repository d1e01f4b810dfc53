import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSourceOptions } from 'typeorm';
import { DatabaseHealthIndicator } from './database-health.indicator';
import {
  DatabaseConnection,
  openServiceDataSource,
  serviceDataSourceOptions,
  ServiceSchema,
} from './service-data-source';
import { TypeOrmNestLogger } from './typeorm-nest-logger';

/** One service's connection to PostgreSQL, migrated before the service starts. */
@Module({})
export class DatabaseModule {
  static forService(connection: DatabaseConnection, service: ServiceSchema): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          // Within Nest only: a CLI that opens the data source itself keeps its standard output clean.
          useFactory: () => ({
            ...serviceDataSourceOptions(connection, service),
            logger: new TypeOrmNestLogger(),
          }),
          dataSourceFactory: (options?: DataSourceOptions) => openServiceDataSource(options!),
        }),
      ],
      providers: [DatabaseHealthIndicator],
      exports: [TypeOrmModule, DatabaseHealthIndicator],
    };
  }
}
