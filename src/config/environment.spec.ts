import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { validateEnvironment } from './environment';

const REQUIRED = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1/fairgrid',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  MAIL_FROM: 'Fairgrid <no-reply@example.edu>',
  PUBLIC_URL: 'https://fairgrid.example.edu',
  JWT_SECRET: 'x'.repeat(32),
  ADMIN_EMAIL: 'admin@example.edu',
  ADMIN_PASSWORD: 'a-long-password',
};

describe('environment: the settings of issue 11', () => {
  it('has safe defaults: CORS closed, limits on, 10 s shutdown, 60 s queue recovery, no metrics token', () => {
    expect(validateEnvironment(REQUIRED)).toMatchObject({
      CORS_ORIGINS: [],
      RATE_LIMITS_ENABLED: true,
      RATE_LIMIT_SIGN_IN_PER_CLIENT: '60/1m',
      RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '10/15m',
      RATE_LIMIT_FAILURES_BEFORE_DELAY: 5,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      QUEUE_RECOVERY_SECONDS: 60,
      METRICS_TOKEN: undefined,
    });
  });

  it('reads .env.example as it is', () => {
    const example = parseEnv(readFileSync('.env.example', 'utf8'));
    expect(() => validateEnvironment(example)).not.toThrow();
  });

  it('splits CORS_ORIGINS on commas', () => {
    expect(validateEnvironment({ ...REQUIRED, CORS_ORIGINS: 'https://careers.example.edu, http://localhost:5173' }).CORS_ORIGINS).toEqual([
      'https://careers.example.edu',
      'http://localhost:5173',
    ]);
  });

  it.each([
    ['CORS_ORIGINS', '*', /CORS_ORIGINS must list origins/],
    ['CORS_ORIGINS', 'https://careers.example.edu/path', /CORS_ORIGINS must list origins/],
    ['RATE_LIMIT_SIGN_IN_PER_CLIENT', '60 per minute', /RATE_LIMIT_SIGN_IN_PER_CLIENT must be a limit such as 30\/10m/],
    ['RATE_LIMIT_EXPENSIVE_PER_CALLER', '0/1m', /RATE_LIMIT_EXPENSIVE_PER_CALLER must be a limit/],
    ['RATE_LIMITS_ENABLED', 'maybe', /RATE_LIMITS_ENABLED must be true or false/],
    ['SHUTDOWN_TIMEOUT_MS', '10', /SHUTDOWN_TIMEOUT_MS must not be less than 100/],
    ['METRICS_TOKEN', 'short', /METRICS_TOKEN must be at least 32 characters/],
  ])('refuses %s=%j in one line', (name, value, message) => {
    expect(() => validateEnvironment({ ...REQUIRED, [name]: value })).toThrow(message);
  });
});
