import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Environment } from '../../config/environment';
import { createRootLogger, requestLog } from './request-log';

/** The request-logging middleware, installed by setupHttp before the body parsers. */
export class RequestLogMiddleware {
  constructor(readonly handle: ReturnType<typeof requestLog>) {}
}

/**
 * Logs through pino: Nest's Logger writes to the root logger, or inside a request to its
 * child (`req.log`, set by requestLog; nestjs-pino's `useExisting` binds it per request).
 */
@Module({})
export class LoggingModule {
  static forRoot(env: Environment): DynamicModule {
    const root = createRootLogger(env);
    return {
      module: LoggingModule,
      global: true,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: root }, useExisting: true })],
      providers: [{ provide: RequestLogMiddleware, useValue: new RequestLogMiddleware(requestLog(root)) }],
      exports: [RequestLogMiddleware],
    };
  }
}
