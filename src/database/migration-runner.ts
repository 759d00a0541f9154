import { DataSource, MigrationExecutor } from 'typeorm';

// A fixed key for pg_advisory_lock: replicas starting together run migrations one at a time.
export const MIGRATION_LOCK_KEY = 4_711_001;

/**
 * Runs pending migrations while holding a session-level advisory lock. The lock and the
 * migrations use the same connection, so this also works with a pool of one (PGlite).
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    await queryRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'each';
      const done = await executor.executePendingMigrations();
      return done.map((m) => m.name);
    } finally {
      await queryRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await queryRunner.release();
  }
}

/** Reverts every applied migration, newest first (used by the migration test). */
export async function revertAllMigrations(dataSource: DataSource): Promise<number> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  let reverted = 0;
  try {
    const executor = new MigrationExecutor(dataSource, queryRunner);
    executor.transaction = 'each';
    while ((await executor.getExecutedMigrations()).length > 0) {
      await executor.undoLastMigration();
      reverted++;
    }
  } finally {
    await queryRunner.release();
  }
  return reverted;
}
