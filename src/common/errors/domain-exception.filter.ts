import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../../database/database-unavailable';
import { concurrencyRefusal, PG, pgErrorOf } from '../../database/pg-errors';
import { DomainError, DomainErrorKind } from './domain-errors';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

export function statusForKind(kind: DomainErrorKind): number {
  switch (kind) {
    case 'NOT_FOUND':
      return HttpStatus.NOT_FOUND;
    case 'CONFLICT':
      return HttpStatus.CONFLICT;
    case 'RULE_BROKEN':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case 'INVALID_INPUT':
      return HttpStatus.BAD_REQUEST;
    case 'UNAUTHENTICATED':
      return HttpStatus.UNAUTHORIZED;
    case 'FORBIDDEN':
      return HttpStatus.FORBIDDEN;
    case 'RATE_LIMITED':
      return HttpStatus.TOO_MANY_REQUESTS;
    default: {
      const unreachable: never = kind;
      throw new Error(`Unmapped domain error kind ${String(unreachable)}`);
    }
  }
}

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

// PostgreSQL error codes that mean the client's request broke a database invariant.
function fromPostgres(err: QueryFailedError): ErrorBody | undefined {
  const { code, constraint } = pgErrorOf(err);
  switch (code) {
    case PG.UNIQUE_VIOLATION:
      return {
        statusCode: 409,
        error: REASON[409],
        message: 'A record with the same unique value already exists',
        details: { constraint },
      };
    case PG.EXCLUSION_VIOLATION:
      return { statusCode: 409, error: REASON[409], message: 'The change overlaps an existing record', details: { constraint } };
    case PG.FOREIGN_KEY_VIOLATION:
      return {
        statusCode: 409,
        error: REASON[409],
        message: 'The change refers to, or is referred to by, another record',
        details: { constraint },
      };
    case PG.CHECK_VIOLATION:
    case PG.NOT_NULL_VIOLATION:
      return { statusCode: 422, error: REASON[422], message: 'The change breaks a data rule', details: { constraint } };
    case PG.INVALID_TEXT_REPRESENTATION:
    case PG.CHARACTER_NOT_IN_REPERTOIRE:
    case PG.UNTRANSLATABLE_CHARACTER:
    case PG.PROGRAM_LIMIT_EXCEEDED:
    case PG.NUMERIC_VALUE_OUT_OF_RANGE:
    case PG.INVALID_DATETIME_FORMAT:
    case PG.DATETIME_FIELD_OVERFLOW:
      return { statusCode: 400, error: REASON[400], message: 'A value has the wrong format or is out of range' };
    default:
      return undefined;
  }
}

/** The one place that turns exceptions into HTTP responses. Never leaks stacks or SQL. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    } else if (concurrencyRefusal(exception)) {
      // Answered 409 (try again), but each one is a lock-order question worth looking at.
      this.logger.warn(`Refused as a concurrent change: ${exception instanceof Error ? exception.message : String(exception)}`);
    }
    if (res.headersSent) return;
    if (body.statusCode === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    const refused = concurrencyRefusal(exception);
    if (refused) return this.toBody(refused);
    if (exception instanceof DomainError) {
      const statusCode = statusForKind(exception.kind);
      return {
        statusCode,
        error: REASON[statusCode],
        message: exception.message,
        ...(exception.details !== undefined ? { details: exception.details } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const r = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
      const message = typeof response === 'string' ? response : typeof r.message === 'string' ? r.message : exception.message;
      const details = r.details ?? (Array.isArray(r.message) ? r.message : undefined);
      return {
        statusCode,
        error: REASON[statusCode] ?? String(r.error ?? 'Error'),
        message,
        ...(details !== undefined ? { details } : {}),
      };
    }
    if (exception instanceof QueryFailedError) {
      const mapped = fromPostgres(exception);
      if (mapped) return mapped;
    }
    // body-parser errors (too large, malformed JSON) carry a status and an expose flag.
    const e = exception as { status?: number; statusCode?: number; expose?: boolean; type?: string; message?: string };
    const status = e?.status ?? e?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500 && e.expose) {
      const message =
        e.type === 'entity.too.large'
          ? 'Request body is too large'
          : e.type === 'entity.parse.failed'
            ? 'Request body is not valid JSON'
            : e.type === 'entity.too.deep' // our own JSON depth check (common/http/json-depth.ts)
              ? String(e.message)
              : 'Bad request';
      return { statusCode: status, error: REASON[status] ?? 'Bad Request', message };
    }
    if (isDatabaseUnavailable(exception)) {
      return { statusCode: 503, error: REASON[503], message: 'The database is not available right now; try again shortly' };
    }
    return { statusCode: 500, error: REASON[500], message: 'Something went wrong on our side; the error has been logged' };
  }
}
