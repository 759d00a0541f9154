import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfigFromEnv } from '../config/app-config';
import { buildDataSourceOptions } from './typeorm-options';

// The DataSource the TypeORM CLI uses (migration:generate/revert against a server).
// The app builds the same options in DatabaseModule. For the embedded database use
// `npm run migration:run`, which starts PGlite itself.
const config = loadConfigFromEnv();
if (!config.DATABASE_URL) {
  throw new Error('The TypeORM CLI needs DATABASE_URL (postgres://…). For the embedded database use `npm run migration:run`.');
}

const dataSource = new DataSource(buildDataSourceOptions(config.DATABASE_URL, 1));
export default dataSource;
