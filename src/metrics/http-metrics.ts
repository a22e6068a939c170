import type { NextFunction, Request, Response } from 'express';
import type { MetricsService } from './metrics.service';

/**
 * Times every request and counts it by route template once answered. The error filter leaves
 * the answer's code in `res.locals.errorCode`.
 */
export function httpMetrics(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observe(req.method, route, res.statusCode, res.locals.errorCode as string | undefined, seconds);
    });
    next();
  };
}
