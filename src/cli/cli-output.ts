import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError } from '../common/errors/domain-error';

/** A CLI failure the operator fixes: printed as one message (and its rows), exit status 1. */
export class CliError extends Error {
  override name = 'CliError';
}

export const print = (line = '') => process.stdout.write(`${line}\n`);

/** Checks input the way the API's ValidationPipe would, so the CLI accepts exactly what the API does. */
export async function validated<T extends object>(type: new () => T, plain: Record<string, unknown>): Promise<T> {
  const value = plainToInstance(type, plain);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    throw new CliError(errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ') || 'is not valid'}`).join('\n'));
  }
  return value;
}

/** A refusal of the services, as the operator reads it: code, message and the CSV's bad rows. */
export function describeError(error: unknown): string {
  if (error instanceof CliError) return error.message;
  if (error instanceof DomainError) {
    const rows = (error.details?.rows as { line: number; reason: string }[] | undefined) ?? [];
    return [`${error.code}: ${error.message}`, ...rows.slice(0, 50).map((r) => `  line ${r.line}: ${r.reason}`)].join('\n');
  }
  return String((error as Error)?.stack ?? error);
}
