import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { DomainExceptionFilter } from './common/errors/domain-exception.filter';
import { contentSecurityPolicy } from './common/http/content-security-policy';
import { MAX_JSON_DEPTH, verifyJsonDepth } from './common/http/json-depth';
import { createValidationPipe } from './common/http/validation';
import { AppConfig } from './config/app-config';
import { mountWebAssets } from './web/shared/web-assets';

export const API_DOCS_PATH = 'api/docs';

/** Everything about the HTTP surface, shared by main.ts and the e2e tests. */
export function configureApp(app: INestApplication): INestApplication {
  const config = app.get(AppConfig);
  const express = app as NestExpressApplication;
  app.useLogger(app.get(Logger));
  express.disable('x-powered-by');
  express.set('trust proxy', config.trustProxy);
  // Registering the parsers ourselves replaces Nest's defaults and sets the size limit.
  // Deeply nested JSON is refused before it is parsed (class-transformer would recurse through it).
  express.useBodyParser('json', { limit: config.BODY_LIMIT, verify: verifyJsonDepth(MAX_JSON_DEPTH) });
  express.useBodyParser('urlencoded', { limit: config.BODY_LIMIT, extended: false });
  app.use(helmet({ contentSecurityPolicy: false }));
  // A strict CSP everywhere; only Swagger UI's page may use inline styles.
  app.use(contentSecurityPolicy(API_DOCS_PATH));
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, credentials: true });
  // Web pages (src/web): their CSS/JS and chart.js, served from this app (no CDN).
  mountWebAssets(express);
  // Everything past the static assets may hold personal data: no browser or proxy keeps a copy (a shared
  // officers' PC's disk cache would otherwise hold prisoner lists). A route may still set its own (the
  // calendar feed); the week plan's ETag still answers If-None-Match with 304.
  express.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DomainExceptionFilter());
  app.enableShutdownHooks();

  // The OpenAPI document is built on its first request, not at every start (≈ 0.1 s of each boot: the
  // tests boot the app some hundred times a run).
  const document = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Activity and work-programme scheduler')
        .setDescription(
          'Plans prison workshops, imported education, programmes and split working days; records attendance; ' +
            'measures the share of prisoner-days in activity against the 90% target.',
        )
        .setVersion('0.1.0')
        .build(),
    );
  // Not in production unless asked for (API_DOCS, src/config/app-config.ts): there /api/docs answers 404.
  if (config.API_DOCS) SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}/openapi.json` });
  return app;
}
