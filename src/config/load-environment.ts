import { existsSync } from 'node:fs';
import { Environment, validateEnvironment } from './environment';

/** Reads `.env` (if present, without overriding real variables) and validates the result. */
export function loadEnvironment(envFile = '.env'): Environment {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return validateEnvironment(process.env);
}
