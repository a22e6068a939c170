import { HttpStatus } from '@nestjs/common';

/** One field-level problem in a rejected request. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * An expected, client-facing failure with a stable upper-case `code`. Features declare
 * their codes in `<feature>.errors.ts`; the global filter renders them.
 *
 * An answer, not a fault: it captures no stack trace (nothing reads one, and in a booking
 * rush, where most attempts are refusals, capturing it cost about 2 % of the API's CPU).
 */
export class DomainError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

export const notFound = (what: string) =>
  new DomainError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${what} not found`);

export const forbidden = (message = 'You may not do this') =>
  new DomainError(HttpStatus.FORBIDDEN, 'FORBIDDEN', message);

export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(HttpStatus.CONFLICT, code, message, details);

export const unprocessable = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, code, message, details);

/** Validation failure with every offending field, as class-validator would report it. */
export class ValidationFailedError extends DomainError {
  constructor(readonly errors: FieldError[], message = 'The request is not valid') {
    super(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', message);
  }
}
