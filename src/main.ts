import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { AppConfig, ConfigValidationError, loadConfigFromEnv } from './config/app-config';
import { configureApp } from './configure-app';
import { DemoDataLoader, DemoUsersInProductionError } from './demo-data/demo-data.module';

async function bootstrap(): Promise<void> {
  // Validate first so that a bad variable stops the app with a clear message, before anything starts.
  loadConfigFromEnv();
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  configureApp(app);
  // Print from here on as it happens (Nest would hold the start-up lines, the demo load's too, until listen).
  app.flushLogs();
  const config = app.get(AppConfig);
  await app.listen(config.PORT, '0.0.0.0');
  // Background work (the session horizon, the demo history) starts on listen; it runs in short chunks,
  // so the database answering here means requests are served.
  await app.get(DataSource).query('SELECT 1');
  const base = `http://localhost:${config.PORT}`;
  console.log(`Listening on ${base} (API docs at /api/docs, health at /health)`);
  for (const line of await app.get(DemoDataLoader).signInLines(base)) console.log(line);
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigValidationError || err instanceof DemoUsersInProductionError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
