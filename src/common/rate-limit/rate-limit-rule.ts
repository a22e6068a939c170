import { RATE_LIMIT_FORMAT } from '../../config/environment';

/** At most `limit` requests per `windowMs`. */
export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** `30/10m` → 30 per 10 minutes; `5/h` → 5 per hour (the format is checked at start, see environment.ts). */
export function parseRateLimit(text: string): RateLimitRule {
  const match = RATE_LIMIT_FORMAT.exec(text);
  if (!match) throw new Error(`Not a rate limit: ${text}`);
  const [, limit, count, unit] = match;
  return { limit: Number(limit), windowMs: Number(count || 1) * UNIT_MS[unit as keyof typeof UNIT_MS] };
}

/** Delay after the n-th failure of an account, n > threshold: 1 s, 2 s, 4 s, … capped at 15 minutes. */
export function failureDelayMs(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(15 * 60_000, 1_000 * 2 ** Math.min(20, failures - threshold));
}
