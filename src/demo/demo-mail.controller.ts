import { Inject, NotFoundException, Param } from '@nestjs/common';
import { Public } from '../common/auth/auth.decorators';
import type { PageContext } from '../web/layout/page-context';
import { Ctx, PageController, PageGet } from '../web/layout/page-decorators';
import type { PageResult } from '../web/layout/page-result';
import { demoMailListPage, demoMailPage } from './demo-mail.page';
import { MailCatcher } from './mail-catcher';

/** The demo's catcher, provided only by the demo's module: these pages exist only while it runs. */
export const DEMO_MAIL_CATCHER = Symbol('DEMO_MAIL_CATCHER');
export const DEMO_MAIL_DIRECTORY = Symbol('DEMO_MAIL_DIRECTORY');

/**
 * Anyone: the mail of a demo on a developer's machine (sign-in links included), so a newcomer
 * can sign in as the demo's students and volunteers. Never part of the real app's module.
 */
@PageController('demo')
export class DemoMailController {
  constructor(
    @Inject(DEMO_MAIL_CATCHER) private readonly catcher: MailCatcher,
    @Inject(DEMO_MAIL_DIRECTORY) private readonly directory: string,
  ) {}

  @PageGet('mail')
  @Public()
  list(@Ctx() ctx: PageContext): PageResult {
    return demoMailListPage(ctx, this.catcher.messages, this.directory);
  }

  @PageGet('mail/:number')
  @Public()
  one(@Ctx() ctx: PageContext, @Param('number') number: string): PageResult {
    const mail = /^\d{1,7}$/.test(number) ? this.catcher.find(Number(number)) : undefined;
    if (!mail) throw new NotFoundException();
    return demoMailPage(ctx, mail);
  }
}
