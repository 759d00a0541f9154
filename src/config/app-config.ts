import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidateBy,
} from 'class-validator';
import { parseTrustProxy, TrustProxy } from './trust-proxy';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every setting the service reads, validated once at boot. Names are the environment variables.
 * Nothing else in the code reads process.env.
 */
export class AppConfig {
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  // postgres://user:pass@host:port/db. When absent, the embedded PGlite database is used.
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  // Directory for the embedded database; "memory://" keeps it in memory (lost on exit).
  @IsString()
  @MinLength(1)
  PGLITE_DATA_DIR = './data/pglite';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DB_POOL_SIZE = 10;

  @Transform(toBool)
  @IsBoolean()
  MIGRATE_ON_START = true;

  // Database timeouts (milliseconds; 0 = off), so a database that stops answering turns into quick
  // 503s instead of requests that hang (docs/operations.md, "Behaviour under database faults").
  // Opening a connection, and waiting for a free one from the pool.
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600000)
  DB_CONNECT_TIMEOUT_MS = 5000;

  // Server side: the longest one statement may run (the longest request statement, a draft apply, is ~10 s).
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600000)
  DB_STATEMENT_TIMEOUT_MS = 60000;

  // Server side: a session left idle inside an open transaction is ended after this long.
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600000)
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60000;

  // Client side: give up on a query whose answer does not arrive (a network partition: the server's own
  // timeouts cannot fire). Defaults to the statement timeout + 5 s.
  @Transform(({ value }) => (value === '' ? undefined : toInt({ value })))
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600000)
  DB_QUERY_TIMEOUT_MS?: number;

  // TCP keepalive on database connections: first probe after this long idle (0 = keepalive off).
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600000)
  DB_KEEPALIVE_DELAY_MS = 10000;

  // The database watchdog (server databases only): a SELECT 1 on a connection of its own every interval;
  // when two in a row get no answer within DB_WATCHDOG_TIMEOUT_MS, every pooled connection is dropped so
  // that requests stuck on them answer 503 at once, and new requests answer 503 without waiting until a
  // probe is answered again.
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600000)
  DB_WATCHDOG_INTERVAL_MS = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600000)
  DB_WATCHDOG_TIMEOUT_MS = 2000;

  // Audit events older than this many days are deleted by the nightly retention job (0 = keep forever).
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(36500)
  AUDIT_RETENTION_DAYS = 1830;

  // Load the national demo data when the database has no prisons yet. Default: true, except with
  // NODE_ENV=production, where it is false and may not be turned on (the demo users' password is public).
  @Transform(({ value }) => (value === '' ? undefined : toBool({ value })))
  @IsOptional()
  @IsBoolean()
  SEED_DEMO_DATA_ON_EMPTY?: boolean;

  // Serve the OpenAPI document and Swagger UI at /api/docs. Default: true, except with NODE_ENV=production,
  // where the API's map is not published unless asked for (API_DOCS=true, e.g. for an integration partner's test).
  @Transform(({ value }) => (value === '' ? undefined : toBool({ value })))
  @IsOptional()
  @IsBoolean()
  API_DOCS?: boolean;

  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT = '1mb';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  // Comma-separated list of allowed browser origins; CORS is off when empty.
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  // The national activity target as a fraction (0.9 = 90%).
  @Transform(({ value }) => (typeof value === 'string' ? Number(value) : value))
  @IsNumber()
  @Min(0)
  @Max(1)
  ACTIVITY_TARGET = 0.9;

  // Attendance older than this many days (by session date) can only be changed by a manager, with a reason.
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(366)
  ATTENDANCE_EDIT_WINDOW_DAYS = 7;

  // Wall-clock budget of one automatic week-planner solve (ms); the best plan so far is kept when it runs out.
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600000)
  PLANNER_TIME_LIMIT_MS = 20000;

  // Secret for signing access tokens (≥ 32 characters). Required in production; in development a
  // random one is generated at start (tokens then die with the process).
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  REFRESH_TOKEN_TTL_DAYS = 7;

  // Failed sign-ins allowed per username / per client address within LOGIN_LOCK_MINUTES.
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES_PER_USER = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_MAX_FAILURES_PER_IP = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_LOCK_MINUTES = 15;

  // Which reverse proxies to believe about the client's address (X-Forwarded-For), as Express takes it:
  // false, true, a hop count or comma-separated addresses/subnets. Sign-in throttling counts by that address.
  @ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && parseTrustProxy(v) !== undefined,
      defaultMessage: () =>
        'TRUST_PROXY must be false, true, a hop count (0–100) or comma-separated IP addresses/subnets (e.g. loopback, 10.0.0.0/8)',
    },
  })
  TRUST_PROXY = 'false';

  get usesEmbeddedDatabase(): boolean {
    return this.DATABASE_URL === undefined;
  }

  get trustProxy(): TrustProxy {
    return parseTrustProxy(this.TRUST_PROXY) ?? false;
  }

  get corsOrigins(): string[] {
    return (this.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
  }
}

export class ConfigValidationError extends Error {}

/** Validates raw environment values; throws one error naming every bad variable. */
export function validateConfig(raw: Record<string, unknown>): AppConfig {
  const known = new Set(
    Object.keys(new AppConfig()).concat(['DATABASE_URL', 'CORS_ORIGINS', 'JWT_SECRET', 'SEED_DEMO_DATA_ON_EMPTY', 'API_DOCS']),
  );
  const picked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (known.has(key) && value !== undefined) picked[key] = value;
  }
  const config = plainToInstance(AppConfig, picked, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    throw new ConfigValidationError('Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production');
  }
  if (config.NODE_ENV === 'production' && config.SEED_DEMO_DATA_ON_EMPTY === true) {
    throw new ConfigValidationError(
      'Invalid configuration:\n  SEED_DEMO_DATA_ON_EMPTY=true: not allowed when NODE_ENV=production (the demo users have a published password)',
    );
  }
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigValidationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  config.SEED_DEMO_DATA_ON_EMPTY ??= config.NODE_ENV !== 'production';
  config.API_DOCS ??= config.NODE_ENV !== 'production';
  return config;
}

/** Reads and validates the process environment (the one place that does). */
export function loadConfigFromEnv(): AppConfig {
  return validateConfig(process.env);
}
