import pinoPretty from 'pino-pretty';
import { hostname } from 'node:os';
import type { NextFunction, Request, Response } from 'express';
import pino, { Logger } from 'pino';
import type { Environment } from '../../config/environment';

/** A request that takes this long is logged even when it succeeded. */
export const SLOW_REQUEST_MS = 1_000;

/** The process's pino logger: every log line, request-scoped or not, goes through it. */
export function createRootLogger(env: Environment): Logger {
  const options = {
    level: env.LOG_LEVEL,
    base: { pid: process.pid, hostname: hostname(), role: env.FAIRGRID_ROLE },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  };
  // Pretty lines for a developer's terminal, written in this thread (sync) so the last lines
  // before an exit are not lost; JSON for everything that collects logs.
  if (logFormat(env) === 'pretty') {
    return pino(options, pinoPretty({
        sync: true,
        colorize: Boolean(process.stdout.isTTY),
        translateTime: 'SYS:HH:MM:ss.l',
        // One line per entry: "[12:00:01.234] INFO: Bootstrap: Fairgrid listening … {extra fields}".
        ignore: 'pid,hostname,role,context',
        messageFormat: '{if context}{context}: {end}{msg}',
        singleLine: true,
      }));
  }
  return pino(options);
}

export const logFormat = (env: Pick<Environment, 'LOG_FORMAT' | 'NODE_ENV'>): 'pretty' | 'json' => env.LOG_FORMAT ?? (env.NODE_ENV === 'development' ? 'pretty' : 'json');

type LoggedRequest = Request & { id?: string; log?: Logger };

/**
 * One log line per request only when it matters: a 5xx (error) or a slow request (warn);
 * others only at LOG_LEVEL=debug. A line per request (pino-http's default) cost about a tenth
 * of the API's CPU in a booking rush: serialising and redacting each request and response and
 * one write to stdout per request. Every request still gets `req.log`, a child logger carrying
 * its request id, which nestjs-pino hands to every log made while handling it (errors
 * included), and the error filter names the request id too.
 */
export function requestLog(root: Logger) {
  return (req: LoggedRequest, res: Response, next: NextFunction): void => {
    const started = performance.now();
    const log = root.child({ reqId: req.id });
    req.log = log;
    res.once('finish', () => {
      const ms = Math.round(performance.now() - started);
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : ms >= SLOW_REQUEST_MS ? 'warn' : 'debug';
      if (!log.isLevelEnabled(level)) return;
      // The path without its query string: queries can carry secrets (sign-in links' tokens).
      const path = req.originalUrl.split('?', 1)[0];
      log[level]({ method: req.method, path, statusCode: status, responseTime: ms }, status >= 500 ? 'request failed' : ms >= SLOW_REQUEST_MS ? 'slow request' : 'request completed');
    });
    next();
  };
}
