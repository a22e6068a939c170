import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** What a caller's own `X-Request-Id` must look like to be used (else we make one). */
const GIVEN_ID = /^[\w.-]{1,100}$/;

/**
 * Names each request before anything else runs, body parsing included, so that even a
 * malformed or oversized body's error carries the id. The logger reuses `req.id`.
 */
export function assignRequestId(req: Request & { id?: string }, res: Response, next: NextFunction): void {
  const given = req.headers['x-request-id'];
  req.id = typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  next();
}
