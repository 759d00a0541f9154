import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { AppConfig, ConfigValidationError, loadConfigFromEnv } from './config/app-config';
import { startupLogger } from './common/logging/startup-logger';
import { configureApp } from './configure-app';
import { DemoDataLoader, DemoUsersInProductionError } from './demo-data/demo-data.module';
import { EmbeddedDatabaseInUseError } from './database/embedded-lock';

async function bootstrap(): Promise<void> {
  // Validate first so that a bad variable stops the app with a clear message, before anything starts.
  const settings = loadConfigFromEnv();
  // Start-up lines (migrations, the demo load) are written as they happen, in the app's log format.
  const early = startupLogger(settings.LOG_LEVEL);
  // Until Nest's own shutdown hooks are in place (configureApp), a stop request still leaves a line.
  const stopDuringStartUp = (signal: NodeJS.Signals) => {
    early.warn(`${signal} received during start-up: stopping`, 'Main');
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  };
  process.once('SIGTERM', stopDuringStartUp);
  process.once('SIGINT', stopDuringStartUp);
  const app = await NestFactory.create(AppModule, { logger: early });
  configureApp(app);
  process.off('SIGTERM', stopDuringStartUp);
  process.off('SIGINT', stopDuringStartUp);
  // From here Nest's shutdown hooks stop the app (HTTP server drained first, then the planner engine and
  // the database); say so in the log.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => new Logger('Main').warn(`${signal} received: finishing the requests under way, then stopping`));
  }
  const config = app.get(AppConfig);
  await app.listen(config.PORT, '0.0.0.0');
  // Background work (the session horizon, the demo history) starts on listen; it runs in short chunks,
  // so the database answering here means requests are served.
  await app.get(DataSource).query('SELECT 1');
  const base = `http://localhost:${config.PORT}`;
  console.log(`Listening on ${base} (${config.API_DOCS ? 'API docs at /api/docs, ' : ''}health at /health)`);
  for (const line of await app.get(DemoDataLoader).signInLines(base)) console.log(line);
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigValidationError || err instanceof DemoUsersInProductionError || err instanceof EmbeddedDatabaseInUseError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
