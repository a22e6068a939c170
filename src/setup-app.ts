import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { createValidationPipe } from './common/errors/validation';
import { assignRequestId } from './common/http/request-id';
import { RequestLogMiddleware } from './common/logging/logging.module';

/** HTTP setup shared by main.ts and the e2e tests, so tests exercise the real pipeline. */
export function setupHttp(app: NestExpressApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(assignRequestId); // before the body parsers, whose errors need the id too
  app.use(app.get(RequestLogMiddleware).handle);
  app.useBodyParser('json', { limit: '1mb' });
  // Student imports: 10,000 rows are about 1 MB; allow headroom.
  app.useBodyParser('text', { type: 'text/csv', limit: '20mb' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
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
