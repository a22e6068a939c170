import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, ValidationFailedError } from './domain-error';
import type { ErrorBody } from './error-body';
import { databaseUnavailable, isDatabaseUnavailable, RetryLaterError } from './unavailable';

/** Where programs, not people, call: the API, and the metrics scrapers read at the root. */
const PROGRAM_PATHS = /^\/(api|metrics)(\/|\?|$)/;

/** Codes for Nest's and Express's own HTTP exceptions, by status. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
};

/**
 * Renders every error as an ErrorBody. Unknown errors become a bare 500 with the request id
 * and are logged; no stack trace or SQL ever reaches the client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  /** @param pages answers errors outside /api (the web pages), which people read, not programs. */
  constructor(private readonly pages?: ExceptionFilter) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request & { id?: string }>();
    const requestId = request.id ? String(request.id) : undefined;
    // PostgreSQL away or restarting is not our bug: a short warning, not a stack, and a 503
    // the client may retry (safely with an Idempotency-Key).
    if (!(exception instanceof DomainError) && isDatabaseUnavailable(exception)) {
      this.logger.warn({ requestId, reason: reasonOf(exception) }, 'Database unavailable');
      exception = databaseUnavailable();
    }
    // originalUrl, not path: under a router mounted at /api (the not-found handler) path loses it.
    if (this.pages && !PROGRAM_PATHS.test(request.originalUrl)) {
      this.pages.catch(exception, host);
      return;
    }
    const body = this.toBody(exception);
    body.requestId = requestId;
    if (body.statusCode >= 500 && !(exception instanceof RetryLaterError)) {
      this.logger.error({ err: exception, requestId: body.requestId }, 'Unhandled error');
    }
    if (response.headersSent) return;
    response.locals.errorCode = body.code; // for the request metrics
    if (exception instanceof RetryLaterError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof ValidationFailedError) {
      return { statusCode: exception.status, code: exception.code, message: exception.message, errors: exception.errors };
    }
    if (exception instanceof DomainError) {
      return { statusCode: exception.status, code: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof HttpException) {
      // Nest wraps body-parser's and Express's errors in HttpExceptions; their messages quote
      // the request (JSON.parse quotes the body, Express the path), so answer from the cause.
      if (exception.cause instanceof URIError) {
        return { statusCode: 400, code: 'BAD_REQUEST', message: 'The request path is not valid percent-encoding' };
      }
      return this.fromBodyParser(exception.cause) ?? this.fromHttpException(exception);
    }
    const bodyParserError = this.fromBodyParser(exception);
    if (bodyParserError) return bodyParserError;
    if (exception instanceof QueryFailedError && isMalformedValue(exception)) {
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'A value in the request is malformed' };
    }
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' };
  }

  private fromHttpException(exception: HttpException): ErrorBody {
    const status = exception.getStatus();
    const res = exception.getResponse();
    const message =
      typeof res === 'string'
        ? res
        : typeof (res as { message?: unknown }).message === 'string'
          ? (res as { message: string }).message
          : exception.message;
    // The router's own 404 ("Cannot GET /path") would echo the request back.
    const unknownRoute = status === 404 && /^Cannot [A-Z]+ /.test(message);
    return {
      statusCode: status,
      code: unknownRoute ? 'ROUTE_NOT_FOUND' : (CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST')),
      message: status >= 500 ? 'Something went wrong on our side' : unknownRoute ? 'No such endpoint; see /api/docs' : message,
    };
  }

  /** body-parser throws plain errors carrying `status` and `type` (malformed JSON, too large). */
  private fromBodyParser(exception: unknown): ErrorBody | undefined {
    const e = exception as { status?: unknown; type?: unknown };
    if (typeof e?.status !== 'number' || typeof e.type !== 'string' || e.status >= 500) return undefined;
    const byType: Record<string, [string, string]> = {
      'entity.parse.failed': ['MALFORMED_JSON', 'The request body is not valid JSON'],
      'entity.too.large': ['PAYLOAD_TOO_LARGE', 'The request body is too large'],
      'encoding.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 'The request body encoding is not supported'],
      'charset.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 'The request body charset is not supported'],
    };
    const [code, message] = byType[e.type] ?? [CODE_BY_STATUS[e.status] ?? 'BAD_REQUEST', 'The request body could not be read'];
    return { statusCode: e.status === 413 ? HttpStatus.PAYLOAD_TOO_LARGE : e.status, code, message };
  }
}

function reasonOf(error: unknown): string {
  const e = error as { message?: unknown; code?: unknown };
  return [e?.code, e?.message].filter((part) => typeof part === 'string').join(' ') || String(error);
}

/**
 * 22P02: e.g. a malformed uuid that slipped past validation; 22021: a NUL character, which
 * JSON, CSV and query strings can carry but PostgreSQL text cannot. Never a 500.
 */
function isMalformedValue(error: QueryFailedError): boolean {
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return code === '22P02' || code === '22021';
}
