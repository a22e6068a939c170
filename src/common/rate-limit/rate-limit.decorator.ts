import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ErrorBody } from '../errors/error-body';

export const RATE_LIMIT_KEY = 'fairgrid:rate-limit';

/**
 * - `sign-in` (a credential is checked: password, code): per client address
 *   (RATE_LIMIT_SIGN_IN_PER_CLIENT) and, when the body has an `email`, per address
 *   (RATE_LIMIT_SIGN_IN_PER_ACCOUNT); a 401 answer counts as a failed sign-in of that address
 *   and, past RATE_LIMIT_FAILURES_BEFORE_DELAY, makes its next try wait (1 s, 2 s, 4 s, …); a
 *   success forgets its failures.
 * - `sign-in-mail` (a sign-in mail is asked for): the same two counters, but nothing is checked,
 *   so it neither counts as a failure nor forgets any (asking for a mail must not reset the
 *   delay of someone guessing codes).
 * - `expensive`: per signed-in caller (RATE_LIMIT_EXPENSIVE_PER_CALLER).
 * Over a limit: 429 TOO_MANY_REQUESTS with Retry-After. A handler that answers 401 without
 * throwing (a page showing its sign-in form again) counts as a failure as well.
 */
export type RateLimitKind = 'sign-in' | 'sign-in-mail' | 'expensive';

export const RateLimit = (kind: RateLimitKind) =>
  applyDecorators(
    SetMetadata(RATE_LIMIT_KEY, kind),
    ApiTooManyRequestsResponse({ type: ErrorBody, description: 'TOO_MANY_REQUESTS: wait for Retry-After seconds' }),
  );
