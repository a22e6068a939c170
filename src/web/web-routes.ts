/**
 * The paths pages are served at, outside the API's /api prefix. Each first segment here is
 * one no API controller uses, so leaving it out of the prefix cannot move an API route.
 */
export const PAGE_PATHS = [
  '/',
  'sign-in',
  'sign-in/{*rest}',
  'sign-out',
  'home',
  'event/{*rest}',
  'interviews',
  'interviews/{*rest}',
  'my/{*rest}',
  'assets/{*rest}',
  // Issue 13: the staff console.
  'console/{*rest}',
  // npm run demo only.
  'demo/{*rest}',
];
