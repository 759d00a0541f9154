import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig } from '../../config/app-config';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

// Structured JSON logs, one line per request, each with a request id (taken from the
// caller's X-Request-Id when it is well-formed, else generated) echoed in the response.
// On a terminal (someone running `npm start`) the same records are printed as plain lines.
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: [
          {
            level: config.LOG_LEVEL,
            genReqId: (req: IncomingMessage, res: ServerResponse) => {
              const given = req.headers[REQUEST_ID_HEADER];
              const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
              res.setHeader(REQUEST_ID_HEADER, id);
              return id;
            },
            redact: {
              paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'req.body.password'],
              censor: '[redacted]',
            },
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: maskSecrets(req.url) }),
            },
            customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
              err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
          },
          logStream(),
        ],
      }),
    }),
  ],
})
export class LoggingModule {}

/** Calendar-feed URLs carry their credential in the path: never write it to the logs. */
export function maskSecrets(url: string): string {
  return url.replace(/(\/calendar-feeds\/)[^/?#.]+/, '$1[redacted]');
}

/** Human-readable lines when stdout is a terminal, JSON lines (for log collectors) otherwise. */
export function logStream(isTerminal = process.stdout.isTTY === true): DestinationStream {
  if (!isTerminal) return process.stdout;
  // Loaded only for a terminal: services, CI and the tests log JSON and never need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PinoPretty } = require('pino-pretty') as typeof import('pino-pretty');
  return PinoPretty({
    sync: true,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat: '{if context}[{context}] {end}{msg}{if req} {req.method} {req.url} {res.statusCode} {responseTime} ms{end}',
  });
}
