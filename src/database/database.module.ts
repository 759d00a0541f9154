import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DatabaseEndpoint } from './database-endpoint';
import { DatabaseWatchdog } from './database-watchdog';
import { runMigrationsLocked } from './migration-runner';
import { buildDataSourceOptions } from './typeorm-options';

@Global()
@Module({
  providers: [{ provide: DatabaseEndpoint, inject: [AppConfig], useFactory: (config: AppConfig) => DatabaseEndpoint.open(config) }],
  exports: [DatabaseEndpoint],
})
class DatabaseEndpointModule {}

@Injectable()
export class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @Inject(DatabaseEndpoint) private readonly endpoint: DatabaseEndpoint,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.MIGRATE_ON_START) return;
    const applied = await runMigrationsLocked(this.dataSource);
    if (applied.length > 0) this.logger.log(`Applied migrations: ${applied.join(', ')}`);
  }

  // Close TypeORM's pool before stopping the embedded server it is connected to.
  async onApplicationShutdown(): Promise<void> {
    if (!this.endpoint.embedded) return;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.endpoint.embedded.close();
  }
}

@Global()
@Module({
  imports: [
    DatabaseEndpointModule,
    TypeOrmModule.forRootAsync({
      inject: [DatabaseEndpoint],
      useFactory: (endpoint: DatabaseEndpoint) => ({
        ...buildDataSourceOptions(endpoint.url, endpoint.poolSize, endpoint.timeouts),
        retryAttempts: 3,
        retryDelay: 500,
      }),
    }),
  ],
  providers: [DatabaseLifecycle, DatabaseWatchdog],
  exports: [DatabaseWatchdog],
})
export class DatabaseModule {}
