import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { unprocessable } from '../errors/domain-error';

/** Described by hand: the Swagger plugin reads only `*.dto.ts` files, and this base is shared. */
export class CursorQuery {
  @ApiPropertyOptional({ description: 'Page size, 1-500', type: Number, default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;

  @ApiPropertyOptional({ description: '`nextCursor` from the previous page', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** Opaque keyset cursor: the sort key of the last row, base64url-encoded JSON. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each part of a cursor's sort key must be, checked before it reaches SQL. */
export type CursorPart = 'text' | 'timestamp' | 'uuid';

const CURSOR_PARTS: Record<CursorPart, (value: string) => boolean> = {
  // PostgreSQL text cannot hold NUL.
  text: (value) => !value.includes('\u0000'),
  // Exactly what encodeCursor wrote (Date#toISOString), so PostgreSQL parses it the same way.
  timestamp: (value) => !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value,
  uuid: (value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
};

export function decodeCursor<T extends string[]>(cursor: string | undefined, parts: CursorPart[]): T | undefined {
  if (!cursor) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === parts.length &&
      key.every((k, i) => typeof k === 'string' && CURSOR_PARTS[parts[i]](k))
    ) {
      return key as T;
    }
  } catch {
    // fall through to the error below
  }
  throw unprocessable('INVALID_CURSOR', 'The cursor is not one this API issued');
}
