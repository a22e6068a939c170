import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../../common/errors/domain-error';
import { databaseUnavailable, isDatabaseUnavailable, RetryLaterError } from '../../common/errors/unavailable';
import type { MessageKey } from '../../common/i18n/catalogue';
import { PageHeading } from './components';
import { renderDocument } from './document';
import { PageContextFactory, PageRequest } from './page-context.factory';
import { compress, setPageHeaders } from './page.interceptor';

/** What a person is told, by status: never a stack, SQL or the request echoed back. */
const MESSAGES: Record<number, { title: MessageKey; text: MessageKey }> = {
  403: { title: 'error.forbidden.title', text: 'error.forbidden.text' },
  404: { title: 'error.notFound.title', text: 'error.notFound.text' },
  429: { title: 'error.tooMany.title', text: 'error.tooMany.text' },
  503: { title: 'error.unavailable.title', text: 'error.unavailable.text' },
};

/**
 * Errors on pages become pages: a missing sign-in sends the visitor to sign in (and back), an
 * expired form says so, and anything else is a plain page with the request id to quote.
 */
@Catch()
@Injectable()
export class PageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('PageErrors');

  constructor(private readonly contexts: PageContextFactory) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    this.render(exception, host.switchToHttp().getRequest<PageRequest>(), host.switchToHttp().getResponse<Response>());
  }

  render(error: unknown, req: PageRequest, res: Response): void {
    if (res.headersSent) return;
    // PostgreSQL away is a page that says "try again shortly", as the API's 503 does.
    const exception = !(error instanceof DomainError) && isDatabaseUnavailable(error) ? databaseUnavailable() : error;
    if (exception instanceof RetryLaterError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    const status = statusOf(exception);
    if (status === 401) {
      const back = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
      setPageHeaders(res);
      res.status(303).setHeader('Location', `/${back}`).end();
      return;
    }
    if (status >= 500 && !(exception instanceof RetryLaterError)) this.logger.error({ err: exception, requestId: req.id }, 'Page failed');
    const ctx = req.pageContext ?? this.contexts.create(req, res);
    const { t } = ctx;
    const known = MESSAGES[status];
    const code = exception instanceof DomainError ? exception.code : undefined;
    const title = code === 'CSRF_FAILED' ? t('error.csrf.title') : known ? t(known.title) : status >= 500 ? t('error.server.title') : t('error.request.title');
    const wait = exception instanceof RetryLaterError ? Math.ceil(exception.retryAfterSeconds / 60) : 0;
    const text = code === 'CSRF_FAILED' ? t('error.csrf.text') : known ? t(known.text, { count: wait, minutes: wait }) : status >= 500 ? t('error.server.text') : t('error.request.text');
    const body = (
      <div class="error-page">
        <PageHeading title={title} lead={text} />
        <p>
          <a href={ctx.principal ? '/home' : '/'}>{t('error.home')}</a>
        </p>
        {status >= 500 && !(exception instanceof RetryLaterError) ? <p class="hint">{t('error.requestId', { id: String(req.id ?? '') })}</p> : null}
      </div>
    );
    setPageHeaders(res);
    res.status(status).send(compress(req, res, renderDocument(ctx, { kind: 'page', title, body })));
  }
}

function statusOf(exception: unknown): number {
  if (exception instanceof DomainError) return exception.status;
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
