import { applyDecorators, Controller, createParamDecorator, ExecutionContext, Get, Post, Render, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Page } from '../../common/auth/auth.decorators';
import { CsrfGuard } from './csrf.guard';
import type { PageContext } from './page-context';
import { PageExceptionFilter } from './page-exception.filter';
import { PageInterceptor, PAGE_VIEW } from './page.interceptor';

/**
 * A controller of pages: the caller is known by the session cookie (@Public and @Roles as on
 * the API), every POST needs the CSRF token, handlers return a PageResult that the
 * interceptor renders in the layout, and errors become pages, not JSON. Not in the OpenAPI
 * document, which describes the API.
 */
export const PageController = (prefix = '') =>
  applyDecorators(
    Controller(prefix),
    Page(),
    ApiExcludeController(),
    UseGuards(CsrfGuard),
    UseInterceptors(PageInterceptor),
    UseFilters(PageExceptionFilter),
  );

/**
 * Pages answer through Express's render, the one response path where Nest does not impose a
 * status: a page decides its own (a form with errors is 422, a redirect 303).
 */
export const PageGet = (path: string) => applyDecorators(Get(path), Render(PAGE_VIEW));
export const PagePost = (path: string) => applyDecorators(Post(path), Render(PAGE_VIEW));

/** The page context the interceptor built for this request. */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): PageContext => ctx.switchToHttp().getRequest().pageContext);
