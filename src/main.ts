import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { AppConfig, ConfigValidationError, loadConfigFromEnv } from './config/app-config';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  // Validate first so that a bad variable stops the app with a clear message, before anything starts.
  loadConfigFromEnv();
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  configureApp(app);
  const config = app.get(AppConfig);
  await app.listen(config.PORT, '0.0.0.0');
  console.log(`Listening on http://localhost:${config.PORT} (API docs at /api/docs, health at /health)`);
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigValidationError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
