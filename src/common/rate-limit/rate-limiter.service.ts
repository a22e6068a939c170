import { createHash } from 'node:crypto';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { Environment } from '../../config/environment';
import { failureDelayMs, parseRateLimit, RateLimitRule } from './rate-limit-rule';

/** The limits Fairgrid applies, each configurable (README, Configuration). */
export type RateLimitName = 'signInPerClient' | 'signInPerAccount' | 'expensivePerCaller';

/** A Redis that does not answer within this is treated as away: the request goes on. */
const COMMAND_TIMEOUT_MS = 250;
/** Failed sign-ins of an account are remembered this long after the last one. */
const FAILURE_MEMORY_MS = 15 * 60_000;

export interface RateLimitVerdict {
  allowed: boolean;
  /** Seconds until the caller may try again (when not allowed). */
  retryAfterSeconds: number;
}

const ALLOWED: RateLimitVerdict = { allowed: true, retryAfterSeconds: 0 };

/**
 * Fixed-window counters and sign-in failure delays in Redis, so limits hold across API
 * processes. Fails open: while Redis does not answer every request is let through (logged
 * once per outage), since locking everybody out would be worse than a short unlimited spell.
 * Reusable by any handler: through `@RateLimit` on a route, or by calling it directly.
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly rules: Record<RateLimitName, RateLimitRule>;
  private readonly prefix: string;
  private redis?: Redis;
  private failingOpen = false;

  constructor(private readonly env: Environment) {
    this.rules = {
      signInPerClient: parseRateLimit(env.RATE_LIMIT_SIGN_IN_PER_CLIENT),
      signInPerAccount: parseRateLimit(env.RATE_LIMIT_SIGN_IN_PER_ACCOUNT),
      expensivePerCaller: parseRateLimit(env.RATE_LIMIT_EXPENSIVE_PER_CALLER),
    };
    this.prefix = `${env.QUEUE_PREFIX}:rl`;
    // Connected up front in processes that serve HTTP, so the first request finds it ready.
    if (env.FAIRGRID_ROLE !== 'worker' && env.RATE_LIMITS_ENABLED) this.connection();
  }

  get enabled(): boolean {
    return this.env.RATE_LIMITS_ENABLED;
  }

  /** Counts one request of `key` (a client address, an e-mail, a caller id) against the named limit. */
  async hit(name: RateLimitName, key: string): Promise<RateLimitVerdict> {
    if (!this.enabled) return ALLOWED;
    const rule = this.rules[name];
    return this.guarded(async (redis) => {
      const [count, ttl] = (await redis.eval(
        `local n = redis.call('INCR', KEYS[1])
         local ttl = redis.call('PTTL', KEYS[1])
         if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
         return {n, ttl}`,
        1,
        this.key(name, key),
        rule.windowMs,
      )) as [number, number];
      return count <= rule.limit ? ALLOWED : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
    });
  }

  /** Whether an account is in its delay after repeated failed sign-ins. */
  async delayOf(account: string): Promise<RateLimitVerdict> {
    if (!this.enabled) return ALLOWED;
    return this.guarded(async (redis) => {
      const ttl = await redis.pttl(this.key('delay', account));
      return ttl > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(ttl / 1000) } : ALLOWED;
    });
  }

  /** A failed sign-in: past RATE_LIMIT_FAILURES_BEFORE_DELAY, each one doubles the wait before the next try. */
  async recordFailure(account: string): Promise<void> {
    if (!this.enabled) return;
    await this.guarded(async (redis) => {
      const failures = await redis.eval(
        `local n = redis.call('INCR', KEYS[1]) redis.call('PEXPIRE', KEYS[1], ARGV[1]) return n`,
        1,
        this.key('failures', account),
        FAILURE_MEMORY_MS,
      );
      const delay = failureDelayMs(Number(failures), this.env.RATE_LIMIT_FAILURES_BEFORE_DELAY);
      if (delay > 0) await redis.set(this.key('delay', account), '1', 'PX', delay);
      return ALLOWED;
    });
  }

  /** A successful sign-in forgets the account's failures. */
  async reset(account: string): Promise<void> {
    if (!this.enabled) return;
    await this.guarded(async (redis) => {
      await redis.del(this.key('failures', account), this.key('delay', account));
      return ALLOWED;
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.redis?.disconnect();
  }

  /** Runs a Redis operation; any failure lets the request through. */
  private async guarded(work: (redis: Redis) => Promise<RateLimitVerdict>): Promise<RateLimitVerdict> {
    try {
      const redis = this.connection();
      // Only the first connection is waited for (briefly); during an outage requests go on at once.
      if (redis.status === 'connecting' || redis.status === 'connect') await readyWithin(redis, COMMAND_TIMEOUT_MS);
      const verdict = await work(redis);
      if (this.failingOpen) {
        this.failingOpen = false;
        this.logger.log('Rate limits are enforced again');
      }
      return verdict;
    } catch (error) {
      if (!this.failingOpen) {
        this.failingOpen = true;
        this.logger.warn({ err: (error as Error).message }, 'Redis does not answer: rate limits are not enforced until it does');
      }
      return ALLOWED;
    }
  }

  /** Opened on first use (API processes only use it); never queues commands while disconnected. */
  private connection(): Redis {
    if (!this.redis) {
      this.redis = new Redis(this.env.REDIS_URL, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: COMMAND_TIMEOUT_MS,
        connectTimeout: 2_000,
        connectionName: 'fairgrid-rate-limits',
      });
      this.redis.on('error', () => undefined); // reported by guarded(), once per outage
    }
    return this.redis;
  }

  /** E-mail addresses and ids are hashed: Redis never holds who tried to sign in. */
  private key(kind: string, value: string): string {
    return `${this.prefix}:${kind}:${createHash('sha256').update(value).digest('base64url').slice(0, 22)}`;
  }
}

function readyWithin(redis: Redis, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    redis.once('ready', done);
  });
}
