import { HttpStatus } from '@nestjs/common';
import { DomainError } from './domain-error';

/**
 * A failure the client did not cause and that should pass: a 503 (or 429) with Retry-After
 * (RFC 9110 §10.2.3), so a client retries later, safely when it sent an Idempotency-Key.
 */
export class RetryLaterError extends DomainError {
  constructor(
    status: HttpStatus.SERVICE_UNAVAILABLE | HttpStatus.TOO_MANY_REQUESTS,
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
    details?: Record<string, unknown>,
  ) {
    super(status, code, message, details);
  }
}

/** How long a client should wait when PostgreSQL does not answer: a restart takes seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export const databaseUnavailable = () =>
  new RetryLaterError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'DATABASE_UNAVAILABLE',
    'The database is not answering; try again shortly',
    DATABASE_RETRY_AFTER_SECONDS,
  );

/**
 * SQLSTATE classes and codes that say "the server is away, busy or going", not "your query is
 * wrong": 08 connection exception, 53 insufficient resources (too many connections), 57P01-03
 * administrator shutdown, crash shutdown, cannot connect now (starting up or shutting down).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|53...|57P0[123])$/;
/** Socket errors from connecting to or talking with PostgreSQL. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** pg and pg-pool raise these as plain Errors without a code. */
const PG_CONNECTION_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end|Connection pool was closed)/;

/** Whether an error (or the driver error or cause it wraps) means PostgreSQL cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message, driverError, cause } = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || SOCKET_CODES.has(code))) return true;
    if (typeof message === 'string' && PG_CONNECTION_MESSAGES.test(message)) return true;
    e = driverError ?? cause;
  }
  return false;
}
