import { ParseUUIDPipe } from '@nestjs/common';
import { notFound } from '../errors/domain-error';

/** A path id that is not a UUID names nothing: 404, never a database error. */
export const UuidParam = (what: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => notFound(what) });
