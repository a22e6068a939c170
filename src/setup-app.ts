import { INestApplication, RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { urlencoded } from 'express';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { createValidationPipe } from './common/errors/validation';
import { assignRequestId } from './common/http/request-id';
import { corsOptions, defaultHeaders, securityHeaders } from './common/http/security-headers';
import { Environment } from './config/environment';
import { httpMetrics } from './metrics/http-metrics';
import { MetricsService } from './metrics/metrics.service';
import { PageHtmlView } from './web/layout/page-html-view';
import { PageExceptionFilter } from './web/layout/page-exception.filter';
import { PAGE_PATHS } from './web/web-routes';
import { QUEUE_BOARD_PATH, queueBoard } from './web/staff/queue-board';

/** Form posts of the pages: small, flat (no nested objects), and never on /api, which takes JSON. */
const pageForms = urlencoded({ extended: false, limit: '64kb', parameterLimit: 500 });
import { RequestLogMiddleware } from './common/logging/logging.module';
import { withoutStartUpChatter } from './common/logging/start-up-logger';

/** HTTP setup shared by main.ts and the e2e tests, so tests exercise the real pipeline. */
export function setupHttp(app: NestExpressApplication): INestApplication {
  const env = app.get(Environment);
  app.useLogger(withoutStartUpChatter(app.get(Logger), ['debug', 'trace'].includes(env.LOG_LEVEL)));
  // Pages (src/web) live at the site's root, the API under /api; /metrics stays at the root,
  // where Prometheus scrapers look.
  app.setGlobalPrefix('api', { exclude: [...PAGE_PATHS, { path: 'metrics', method: RequestMethod.GET }] });
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('view', PageHtmlView);
  app.use(assignRequestId); // before the body parsers, whose errors need the id too
  app.use(app.get(RequestLogMiddleware).handle);
  app.use(httpMetrics(app.get(MetricsService)));
  app.use(securityHeaders(env.PUBLIC_URL), defaultHeaders);
  // Closed unless CORS_ORIGINS names the origins of an office's own front end.
  if (env.CORS_ORIGINS.length) {
    const options = corsOptions(env.CORS_ORIGINS);
    app.enableCors((req: { url?: string }, done) => done(null, req.url?.startsWith('/api/') ? options : { origin: false }));
  }
  app.useBodyParser('json', { limit: '1mb', type: ['application/json', 'application/*+json'] });
  // Student imports: 10,000 rows are about 1 MB; allow headroom. Kept as bytes: the importers
  // decode them (src/common/csv/csv-decoding.ts), since spreadsheets save more than UTF-8.
  app.useBodyParser('raw', { type: 'text/csv', limit: '20mb' });
  app.use((req: { path: string }, res: unknown, next: () => void) => (req.path.startsWith('/api/') ? next() : pageForms(req as never, res as never, next)));
  // Issue 13: the queue dashboard, for signed-in admin and staff accounts.
  app.use(QUEUE_BOARD_PATH, queueBoard(app));
  app.useGlobalPipes(createValidationPipe());
  // Errors outside /api (an unknown page, an oversized form) are answered as pages.
  app.useGlobalFilters(new AllExceptionsFilter(app.get(PageExceptionFilter)));

  // Built on the first request for the docs (then kept), not at every start: about 0.3 s of CPU
  // that most processes, and most test apps, would spend for nothing.
  const document = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Fairgrid API')
        .setDescription(
          'Job fair and mock-interview scheduling. Every error body is `{statusCode, code, message, errors?, details?, requestId}`.',
        )
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
