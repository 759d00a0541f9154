import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { adminPasswordFromEnv } from '../config/admin-cli-env';
import { loadConfigFromEnv } from '../config/app-config';
import { DatabaseEndpoint } from '../database/database-endpoint';
import { runMigrationsLocked } from '../database/migration-runner';
import { buildDataSourceOptions } from '../database/typeorm-options';
import { checkAdminInput, createAdmin } from './create-admin';
import { readSecret } from './read-secret';

// `npm run admin:create -- --username NAME`: creates a national administrator on DATABASE_URL or the
// embedded database. Runs pending migrations first; never loads demo data. The password comes from
// ADMIN_PASSWORD or a terminal prompt without echo, and is never printed.
function usernameArg(argv: string[]): string | undefined {
  const i = argv.indexOf('--username');
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith('--username='))?.slice('--username='.length);
}

async function main(): Promise<number> {
  const username = usernameArg(process.argv.slice(2));
  if (!username) {
    console.error('Usage: npm run admin:create -- --username NAME   (password from ADMIN_PASSWORD or asked for)');
    return 2;
  }
  let password = adminPasswordFromEnv();
  if (password === undefined) {
    if (!process.stdin.isTTY) {
      console.error('No terminal to ask for the password: set ADMIN_PASSWORD instead.');
      return 2;
    }
    password = await readSecret('Password (at least 12 characters): ');
    const again = await readSecret('Password again: ');
    if (again !== password) {
      console.error('The passwords differ; nothing was created.');
      return 1;
    }
  }
  // Refuse a weak password before touching the database.
  const checked = checkAdminInput(username, password);
  if ('problems' in checked) {
    console.error(`Refused, nothing was created:\n  ${checked.problems.join('\n  ')}`);
    return 1;
  }
  const endpoint = await DatabaseEndpoint.open(loadConfigFromEnv());
  const dataSource = new DataSource(buildDataSourceOptions(endpoint.url, 1));
  try {
    await dataSource.initialize();
    const applied = await runMigrationsLocked(dataSource);
    if (applied.length) console.log(`Applied ${applied.length} migration(s) first`);
    const result = await createAdmin(dataSource, username, password);
    if (result.ok) {
      console.log(`Created national administrator ${result.username} (${result.userId}). Sign in at /app/login.`);
      return 0;
    }
    if (result.code === 'USERNAME_TAKEN') console.error(`The username ${result.username} is taken; nothing was created.`);
    else console.error(`Refused, nothing was created:\n  ${result.problems.join('\n  ')}`);
    return 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await endpoint.embedded?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
