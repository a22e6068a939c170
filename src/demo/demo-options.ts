import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

export interface DemoOptions {
  students: number;
  seed: number;
  /** Exit after the summary instead of serving (also when CI is set). */
  once: boolean;
  outputDirectory: string;
  databaseUrl: string;
  redisUrl: string;
  /** Where the demo's own SMTP catcher listens (SMTP_URL's host and port, else a free port). */
  smtp: { host: string; port: number };
  port: number;
  queuePrefix: string;
  logLevel: string;
}

/** The demo's staff account, printed so a newcomer can sign in with it. */
export const DEMO_STAFF = { email: 'staff@demo.fairgrid.localhost', password: 'demo-staff-password' };

export class DemoUsageError extends Error {
  override name = 'DemoUsageError';
}

export const DEMO_USAGE = `Usage: npm run demo -- [--students N] [--seed N] [--once] [--out DIR]

  --students N  how many students (default 1500; 150 makes a quick run)
  --seed N      the seed of the made-up data and of the allocation (default 2026)
  --once        exit after the summary (also when CI is set) instead of serving
  --out DIR     where the mail (.eml, .ics), floor-plan.svg and summary.json go (default demo-output)

Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/fairgrid_demo, made afresh
on every run), REDIS_URL (default redis://127.0.0.1:6379), SMTP_URL (where the demo's mail
catcher listens; default a free port on 127.0.0.1), PORT (default 3000).`;

const integer = (flag: string, text: string | undefined, min: number, max: number): number => {
  const value = Number(text);
  if (!text || !Number.isInteger(value) || value < min || value > max) throw new DemoUsageError(`${flag} takes a whole number from ${min} to ${max}.`);
  return value;
};

/** Reads the command line and the four variables the demo honours; nothing else of the environment. */
export function parseDemoOptions(argv: string[], env: NodeJS.ProcessEnv): DemoOptions {
  const options: DemoOptions = {
    students: 1500,
    seed: 2026,
    once: Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0',
    outputDirectory: resolve('demo-output'),
    databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/fairgrid_demo',
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    smtp: { host: '127.0.0.1', port: 0 },
    port: env.PORT ? integer('PORT', env.PORT, 0, 65535) : 3000,
    queuePrefix: env.QUEUE_PREFIX || 'fairgrid_demo',
    // Errors only: the demo's own lines tell the story; a loaded laptop's slow-request warnings would bury them.
    logLevel: env.LOG_LEVEL || 'error',
  };
  if (env.SMTP_URL) {
    const url = new URL(env.SMTP_URL);
    if (url.protocol !== 'smtp:') throw new DemoUsageError('SMTP_URL must be smtp://host:port: the demo listens there with its own mail catcher.');
    options.smtp = { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : 25 };
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--students':
        options.students = integer('--students', value(), 10, 20000);
        break;
      case '--seed':
        options.seed = integer('--seed', value(), 0, 2 ** 31 - 1);
        break;
      case '--once':
        options.once = true;
        break;
      case '--out':
        options.outputDirectory = resolve(value() ?? '');
        break;
      case '--help':
      case '-h':
        throw new DemoUsageError(DEMO_USAGE);
      default:
        throw new DemoUsageError(`Unknown option ${arg}.\n\n${DEMO_USAGE}`);
    }
  }
  return options;
}

/** The app's environment for the demo: its own database, prefix, catcher and a fresh secret. */
export function demoEnvironment(options: DemoOptions, smtpUrl: string): Record<string, string> {
  return {
    FAIRGRID_ROLE: 'all',
    NODE_ENV: 'development',
    PORT: String(options.port),
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    SMTP_URL: smtpUrl,
    MAIL_FROM: 'Spring Fair <careers@demo.fairgrid.localhost>',
    PUBLIC_URL: `http://localhost:${options.port}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: DEMO_STAFF.email,
    ADMIN_PASSWORD: DEMO_STAFF.password,
    QUEUE_PREFIX: options.queuePrefix,
    LOG_LEVEL: options.logLevel,
    // The demo's 1,500 students book and rank through one address, the demo's own.
    RATE_LIMITS_ENABLED: 'false',
    INVITE_RELAY_INTERVAL_MS: '1000',
  };
}
