import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MaxLength,
  MinLength,
  validateSync,
} from 'class-validator';
import { IsLogoFile, IsReadableAccent } from './branding';

export const ROLES = ['api', 'worker', 'all'] as const;
export type ProcessRole = (typeof ROLES)[number];

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : value;

/** `count/window`: at most `count` requests per `window` (`30s`, `10m`, `1h`; a bare unit is one of it). */
export const RATE_LIMIT_FORMAT = /^([1-9]\d{0,5})\/(\d{0,4})(s|m|h)$/;
const RATE_LIMIT_MESSAGE = '$property must be a limit such as 30/10m (requests per window of s, m or h)';

/**
 * Every variable Fairgrid reads. Validated once at start; the process refuses to run with
 * one line naming the first bad variable (see `validateEnvironment`).
 */
export class Environment {
  @IsIn(ROLES)
  FAIRGRID_ROLE: ProcessRole = 'all';

  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  // class-validator reports the bottom decorator first: the type error before the range.
  @Transform(toInt)
  @Min(0)
  @Max(65535)
  @IsInt()
  PORT = 3000;

  @Matches(/^postgres(ql)?:\/\/.+/, { message: '$property must be a postgres:// URL' })
  DATABASE_URL: string;

  @Matches(/^rediss?:\/\/.+/, { message: '$property must be a redis:// or rediss:// URL' })
  REDIS_URL: string;

  @Matches(/^smtps?:\/\/.+/, { message: '$property must be an smtp:// or smtps:// URL' })
  SMTP_URL: string;

  @IsString()
  @MinLength(3)
  MAIL_FROM: string;

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_URL: string;

  @IsString()
  @MinLength(32, { message: '$property must be at least 32 characters (use a random secret)' })
  JWT_SECRET: string;

  @Matches(/^\d+[smhd]$/, { message: '$property must be a duration such as 15m, 12h or 7d' })
  JWT_TTL = '12h';

  @IsEmail()
  ADMIN_EMAIL: string;

  @IsString()
  @MinLength(12, { message: '$property must be at least 12 characters' })
  ADMIN_PASSWORD: string;

  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: '$property must be 1-40 letters, digits, _ or -' })
  QUEUE_PREFIX = 'fairgrid';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `pretty` (coloured lines for a terminal) or `json` (one object a line); unset: pretty when NODE_ENV=development. */
  @IsOptional()
  @IsIn(['pretty', 'json'])
  LOG_FORMAT?: 'pretty' | 'json';

  @Transform(toInt)
  @Min(1)
  @Max(64)
  @IsInt()
  WORKER_CONCURRENCY = 4;

  /** ORGANIZER of calendar invites; defaults to MAIL_FROM's address. */
  @IsOptional()
  @IsEmail()
  INVITE_ORGANIZER?: string;

  /**
   * How often the invite relay polls PostgreSQL when idle. A fallback: LISTEN/NOTIFY wakes it
   * at once on every booking change.
   */
  @Transform(toInt)
  @Min(50)
  @Max(60_000)
  @IsInt()
  INVITE_RELAY_INTERVAL_MS = 5_000;

  /**
   * How long one answer of a slot page (the same event, filters and page) serves every student
   * asking for it: when booking opens thousands refresh the same pages. 0 turns it off.
   */
  @Transform(toInt)
  @Min(0)
  @Max(60_000)
  @IsInt()
  SLOT_PAGE_CACHE_MS = 1_000;

  /** The office's name on pages and in mails ("Engineering Career Services"). */
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  BRAND_NAME = 'Fairgrid';

  /** Accent colour of buttons and links; white text on it must stay readable (WCAG AA). */
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: '$property must be a colour such as #1d4ed8' })
  @IsReadableAccent()
  BRAND_ACCENT = '#1d4ed8';

  /** A logo file (SVG, PNG, JPEG or WebP, up to 200 KB) shown in the page header; served by Fairgrid itself. */
  @IsOptional()
  @IsLogoFile()
  BRAND_LOGO_PATH?: string;

  /** How long a page sign-in (session cookie) lasts. */
  @Matches(/^\d+[smhd]$/, { message: '$property must be a duration such as 12h or 7d' })
  SESSION_TTL = '7d';

  /**
   * Origins (scheme://host[:port]) of browser front ends that may call the API, comma-separated.
   * Empty: no cross-origin access at all.
   */
  @Transform(toList)
  @Matches(/^https?:\/\/[^\s/?#,*]+$/, { each: true, message: '$property must list origins such as https://careers.example.edu, comma-separated' })
  CORS_ORIGINS: string[] = [];

  /**
   * SIGTERM: how long in-flight requests and running jobs get to finish before connections
   * are cut and jobs are left to other workers.
   */
  @Transform(toInt)
  @Min(100)
  @Max(120_000)
  @IsInt()
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /**
   * A job handed to Redis and not finished this long after is handed over again (a no-op
   * while Redis still has it), so jobs a Redis restart lost come back.
   */
  @Transform(toInt)
  @Min(1)
  @Max(3600)
  @IsInt()
  QUEUE_RECOVERY_SECONDS = 60;

  /**
   * Issue 12: how often workers look for waitlist offers past their expiry (and freed slots no
   * job announced). The delayed job of each offer moves it on at once; this catches up after
   * Redis was away.
   */
  @Transform(toInt)
  @Min(100)
  @Max(3_600_000)
  @IsInt()
  WAITLIST_SWEEP_INTERVAL_MS = 30_000;

  /** Sign-in requests (password, e-mail link, code) per client address. */
  @Matches(RATE_LIMIT_FORMAT, { message: RATE_LIMIT_MESSAGE })
  RATE_LIMIT_SIGN_IN_PER_CLIENT = '60/1m';

  /** Sign-in requests per e-mail address, from anywhere. */
  @Matches(RATE_LIMIT_FORMAT, { message: RATE_LIMIT_MESSAGE })
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT = '10/15m';

  /** Failed sign-ins of one address after which each further attempt waits twice as long (1 s, 2 s, 4 s, …, 15 min). */
  @Transform(toInt)
  @Min(1)
  @Max(1000)
  @IsInt()
  RATE_LIMIT_FAILURES_BEFORE_DELAY = 5;

  /** Expensive staff calls (imports, allocation runs, new staff accounts) per caller. */
  @Matches(RATE_LIMIT_FORMAT, { message: RATE_LIMIT_MESSAGE })
  RATE_LIMIT_EXPENSIVE_PER_CALLER = '30/1m';

  /** `false` turns every limit off (e.g. behind a gateway that limits already). */
  @Transform(({ value }) => ({ true: true, '1': true, false: false, '0': false })[String(value).toLowerCase()] ?? value)
  @IsBoolean({ message: '$property must be true or false' })
  RATE_LIMITS_ENABLED = true;

  /**
   * Bearer token a Prometheus scraper sends to GET /metrics (32+ characters). Without it only
   * staff (with their sign-in) can read the metrics.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: '$property must be at least 32 characters (use a random secret)' })
  METRICS_TOKEN?: string;

  /** Apply pending migrations on start (under an advisory lock). */
  @Transform(({ value }) => ({ true: true, '1': true, false: false, '0': false })[String(value).toLowerCase()] ?? value)
  @IsBoolean({ message: '$property must be true or false' })
  MIGRATIONS_RUN = true;
}

/** Turns `process.env` into a typed Environment or throws one line naming the bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
  const env = plainToInstance(Environment, cleaned, { exposeDefaultValues: true });
  const [first] = validateSync(env, { skipMissingProperties: false });
  if (first) {
    const message =
      first.value === undefined
        ? `${first.property} is missing`
        : Object.values(first.constraints ?? {})[0];
    throw new ConfigurationError(`Configuration error: ${message}`);
  }
  return env;
}

/** `15m`, `12h`, `7d` (as JWT_TTL and SESSION_TTL are written) in milliseconds. */
export function durationMs(text: string): number {
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[text.slice(-1) as 's' | 'm' | 'h' | 'd'];
  return Number(text.slice(0, -1)) * unit;
}

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}
