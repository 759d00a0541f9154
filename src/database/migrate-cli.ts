import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfigFromEnv } from '../config/app-config';
import { DatabaseEndpoint } from './database-endpoint';
import { revertAllMigrations, runMigrationsLocked } from './migration-runner';
import { buildDataSourceOptions } from './typeorm-options';

// `npm run migration:run` (and `-- --revert-all`): works against DATABASE_URL or the embedded database.
async function main(): Promise<void> {
  const endpoint = await DatabaseEndpoint.open(loadConfigFromEnv());
  const dataSource = new DataSource(buildDataSourceOptions(endpoint.url, 1));
  await dataSource.initialize();
  try {
    if (process.argv.includes('--revert-all')) {
      console.log(`Reverted ${await revertAllMigrations(dataSource)} migration(s)`);
    } else {
      const applied = await runMigrationsLocked(dataSource);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations');
    }
  } finally {
    await dataSource.destroy();
    await endpoint.embedded?.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
