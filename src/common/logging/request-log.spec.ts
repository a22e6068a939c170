import { EventEmitter } from 'node:events';
import type { NextFunction, Response } from 'express';
import pino from 'pino';
import { requestLog } from './request-log';

describe('requestLog', () => {
  function setup(level: string) {
    const lines: Record<string, unknown>[] = [];
    const root = pino({ level, base: undefined }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const handle = requestLog(root);
    const request = (status: number, url = '/api/bookings?token=secret') => {
      const req = { id: 'req-1', method: 'POST', originalUrl: url } as unknown as Parameters<typeof handle>[0] & { log: pino.Logger };
      const res = Object.assign(new EventEmitter(), { statusCode: status }) as unknown as Response;
      handle(req, res, (() => undefined) as NextFunction);
      return { req, finish: () => (res as unknown as EventEmitter).emit('finish') };
    };
    return { lines, request };
  }

  it('logs a 5xx as an error with its request id and path, never the query', () => {
    const { lines, request } = setup('info');
    request(500).finish();
    expect(lines).toEqual([expect.objectContaining({ level: 50, reqId: 'req-1', method: 'POST', path: '/api/bookings', statusCode: 500, msg: 'request failed' })]);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('is silent about ordinary requests at info, and logs them at debug', () => {
    const quiet = setup('info');
    quiet.request(201).finish();
    quiet.request(409).finish();
    expect(quiet.lines).toEqual([]);
    const verbose = setup('debug');
    verbose.request(201).finish();
    expect(verbose.lines).toEqual([expect.objectContaining({ level: 20, statusCode: 201, msg: 'request completed' })]);
  });

  it('gives each request a logger that carries its request id', () => {
    const { lines, request } = setup('info');
    request(200).req.log.error('inside the handler');
    expect(lines).toEqual([expect.objectContaining({ level: 50, reqId: 'req-1', msg: 'inside the handler' })]);
  });
});
