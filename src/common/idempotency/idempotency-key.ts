import { createHash } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import { DomainError, unprocessable } from '../errors/domain-error';

/**
 * The Idempotency-Key contract, shared by every endpoint that takes one (today POST /bookings,
 * which stores the keys in the same statement as the booking: see bookings/booking-claim.ts).
 * A key is stored per caller with the answer it got, success or domain error alike, for
 * KEY_TTL_HOURS; a retry gets that answer again, and the same key with a different request is
 * refused.
 */
export const KEY_TTL_HOURS = 24;

/** What a keyed write answered, or answers again on a retry (`replayed`). */
export interface StoredResponse {
  status: number;
  body: unknown;
  replayed: boolean;
}

/** The key as given, or 400 INVALID_IDEMPOTENCY_KEY; checked before anything is stored. */
export function parseIdempotencyKey(key: string): string {
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new DomainError(HttpStatus.BAD_REQUEST, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1-255 visible ASCII characters');
  }
  return key;
}

/** Identifies the request a key was first used for. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

export const keyReused = () => unprocessable('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request');

/**
 * Answers stored before the booking statement stored its own form (`{verdict, …}`): the
 * rendered body of a success, `{code, message, details}` of an error. Kept readable for one
 * key lifetime after an upgrade.
 */
export function legacyAnswer(status: number, response: unknown): StoredResponse {
  if (status >= 400) {
    const stored = response as { code: string; message: string; details?: Record<string, unknown> };
    throw new DomainError(status, stored.code, stored.message, stored.details);
  }
  return { status, body: response, replayed: true };
}
