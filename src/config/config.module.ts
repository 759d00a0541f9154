import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfigFromEnv } from './app-config';

// The validated configuration is read once when the module graph is built; a bad value
// stops the app before anything listens.
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: loadConfigFromEnv }],
  exports: [AppConfig],
})
export class AppConfigModule {}
