/** What a 503 asks the client to wait before trying again (Retry-After, seconds). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Whether an error means "the database cannot be reached or is not answering" (answer 503 and ask the
 * client to retry) rather than "this request is wrong" or a bug (500).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
    // TypeORM's QueryFailedError keeps pg's error as driverError; other wrappers as cause.
    e = (e as { driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Thrown without asking the database while the watchdog knows it is not answering (database-watchdog.ts). */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor() {
    super('The database is not answering (watchdog)');
  }
}

// Ours (above); Node socket errors, and PostgreSQL's: 57P01–57P03 (shutting down, cannot connect now), 53300 (too many
// connections), 57014 (statement timeout reached: the database is too busy to answer in time). Class 08 is
// "connection exception".
const UNAVAILABLE_CODES = new Set([
  'DATABASE_UNAVAILABLE',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '57014',
]);

// node-postgres and pg-pool say these in plain text, without a code.
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'connect ETIMEDOUT',
];
