import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, from, Observable, switchMap, tap, throwError } from 'rxjs';
import type { Principal } from '../auth/principal';
import { RetryLaterError } from '../errors/unavailable';
import { RATE_LIMIT_KEY, RateLimitKind } from './rate-limit.decorator';
import { RateLimiter, RateLimitVerdict } from './rate-limiter.service';

/** Applies `@RateLimit` (see there); runs after the guards, before validation. */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const kind = this.reflector.get<RateLimitKind | undefined>(RATE_LIMIT_KEY, context.getHandler());
    if (!kind || !this.limiter.enabled || context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    if (kind === 'expensive') {
      return from(this.admit([() => this.limiter.hit('expensivePerCaller', req.principal?.id ?? clientOf(req))])).pipe(switchMap(() => next.handle()));
    }
    const account = accountOf(req.body);
    const perClient = () => this.limiter.hit('signInPerClient', clientOf(req));
    if (kind === 'sign-in-mail') {
      const checks = account ? [perClient, () => this.limiter.hit('signInPerAccount', account)] : [perClient];
      return from(this.admit(checks)).pipe(switchMap(() => next.handle()));
    }
    return from(
      this.admit([perClient, ...(account ? [() => this.limiter.delayOf(account), () => this.limiter.hit('signInPerAccount', account)] : [])]),
    ).pipe(
      switchMap(() => next.handle()),
      // A page answers a wrong code or password by showing its form again with 401, without
      // throwing: that is a failed sign-in too.
      tap(() => {
        if (!account) return;
        if (context.switchToHttp().getResponse<Response>().statusCode === HttpStatus.UNAUTHORIZED) void this.limiter.recordFailure(account);
        else void this.limiter.reset(account);
      }),
      catchError((error: unknown) => {
        if (account && statusOf(error) === HttpStatus.UNAUTHORIZED) void this.limiter.recordFailure(account);
        return throwError(() => error);
      }),
    );
  }

  /** Runs the checks in order; the first refusal is the answer. */
  private async admit(checks: (() => Promise<RateLimitVerdict>)[]): Promise<void> {
    for (const check of checks) {
      const verdict = await check();
      if (!verdict.allowed) {
        throw new RetryLaterError(
          HttpStatus.TOO_MANY_REQUESTS,
          'TOO_MANY_REQUESTS',
          `Too many requests; try again in ${verdict.retryAfterSeconds} s`,
          verdict.retryAfterSeconds,
          { retryAfterSeconds: verdict.retryAfterSeconds },
        );
      }
    }
  }
}

/** The client's address; behind a proxy on loopback (trust proxy), the one it names. */
function clientOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** The e-mail a sign-in names, as the DTOs normalise it; undefined when the body has none. */
function accountOf(body: unknown): string | undefined {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.length <= 320 ? email.trim().toLowerCase() : undefined;
}

function statusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; getStatus?: () => number };
  return typeof e?.getStatus === 'function' ? e.getStatus() : typeof e?.status === 'number' ? e.status : undefined;
}
