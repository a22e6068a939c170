import type { LoggerService } from '@nestjs/common';

/**
 * Nest's own start-up chatter: a line per module ("… dependencies initialized"), per controller
 * and per route, about 200 lines in all. Start-up says one line of its own instead (main.ts);
 * these come back at LOG_LEVEL=debug.
 */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** The app's logger with Nest's start-up info lines left out unless `verbose` (debug or trace), and its stack of a taken port. */
export function withoutStartUpChatter(logger: LoggerService, verbose: boolean): LoggerService {
  if (verbose) return logger;
  return new Proxy(logger, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if ((property !== 'log' && property !== 'error') || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (message: unknown, ...rest: unknown[]) => {
        const context = rest.at(-1);
        if (property === 'log' && typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context)) return;
        // A taken port: main.ts says so in one line of its own.
        if (property === 'error' && /EADDRINUSE/.test(String(message))) return;
        (value as (...args: unknown[]) => void).call(target, message, ...rest);
      };
    },
  });
}
