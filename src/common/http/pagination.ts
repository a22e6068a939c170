import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { unprocessable } from '../errors/domain-error';

export class CursorQuery {
  /** Page size, 1-500 (default 100). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;

  /** `nextCursor` from the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** Opaque keyset cursor: the sort key of the last row, base64url-encoded JSON. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends unknown[]>(cursor: string | undefined, arity: number): T | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string')) return key as T;
  } catch {
    // fall through to the error below
  }
  throw unprocessable('INVALID_CURSOR', 'The cursor is not one this API issued');
}
