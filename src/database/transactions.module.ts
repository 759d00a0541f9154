import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsModule } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { DatabaseModule } from './database.module';

/**
 * The transaction follows the request (docs/architecture.md): a CLS context per HTTP request (the
 * middleware), per cron run and per background task (`@UseCls()` / `cls.run`), and the
 * `@Transactional()` plugin on the app's DataSource. Repositories read the active EntityManager from
 * `TransactionHost` (`this.txHost.tx`): the transaction's when a use case runs in one, else the pool's.
 * Registered once, globally, in AppModule.
 */
export const TransactionsModule = ClsModule.forRoot({
  global: true,
  middleware: { mount: true },
  plugins: [
    new ClsPluginTransactional({
      imports: [DatabaseModule],
      adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: DataSource }),
    }),
  ],
});
