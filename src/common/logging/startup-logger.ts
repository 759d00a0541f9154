import type { LoggerService } from '@nestjs/common';
import pino from 'pino';
import { logStream } from './logging.module';

/**
 * The logger of the start-up, before the app's own (nestjs-pino) is ready: the same format and
 * destination, written as it happens — migrations, the demo load and a signal during start-up are in
 * the log at the time they happen, not when the app has finished starting.
 */
export function startupLogger(level: string): LoggerService {
  const log = pino({ level }, logStream());
  const write =
    (method: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal') =>
    (message: unknown, ...rest: unknown[]): void => {
      // Nest calls error(message, stack?, context?) and the others (message, context?).
      const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
      const stack = method === 'error' && rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
      const text = message instanceof Error ? (message.stack ?? message.message) : String(message);
      log[method]({ context, ...(stack ? { stack } : {}) }, text);
    };
  return {
    log: write('info'),
    error: write('error'),
    warn: write('warn'),
    debug: write('debug'),
    verbose: write('trace'),
    fatal: write('fatal'),
  };
}
