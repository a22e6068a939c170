import { Body, Param } from '@nestjs/common';
import { CurrentPrincipal, Roles, StaffRoles } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { CheckInService } from '../../check-in/check-in.service';
import { DomainError } from '../../common/errors/domain-error';
import { UuidParam } from '../../common/http/uuid-param';
import { EventsService } from '../../events/events.service';
import { field, FormBody } from '../layout/form';
import type { PageContext } from '../layout/page-context';
import { Ctx, PageController, PageGet, PagePost } from '../layout/page-decorators';
import type { PageResult } from '../layout/page-result';
import { DeskOutcome, deskEventsPage, deskPage } from './desk.page';

/** The check-in desk: every staff role, `desk` included (it is what desk accounts are for). */
@PageController('console/desk')
@Roles('staff')
@StaffRoles('admin', 'staff', 'desk')
export class DeskPageController {
  constructor(
    private readonly events: EventsService,
    private readonly checkIns: CheckInService,
  ) {}

  /** Published events only: a door opens for an event students can come to. */
  @PageGet('')
  async pick(@Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    const events = (await this.events.findAllVisible(principal)).filter((e) => e.status === 'published');
    return deskEventsPage(ctx, events);
  }

  @PageGet(':eventId')
  async desk(@Param('eventId', UuidParam('Event')) eventId: string, @Ctx() ctx: PageContext): Promise<PageResult> {
    return deskPage(ctx, await this.events.findOrFail(eventId));
  }

  /** Checks a student in by the typed or scanned code, and says who it was (or why not). */
  @PagePost(':eventId')
  async checkIn(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Body() body: FormBody,
    @Ctx() ctx: PageContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageResult> {
    const event = await this.events.findOrFail(eventId);
    const code = field(body, 'code');
    if (!code || code.length > 64) return deskPage(ctx, event, { kind: 'empty' }, 422);
    let outcome: DeskOutcome;
    try {
      const result = await this.checkIns.checkIn(eventId, code, principal);
      outcome = { kind: result.firstScan ? 'checked-in' : 'again', name: result.studentName, at: new Date(result.checkedInAt) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'CHECK_IN_CODE_UNKNOWN') return deskPage(ctx, event, { kind: 'unknown' }, 404);
      if (error.code === 'CHECK_IN_CODE_OTHER_EVENT') return deskPage(ctx, event, { kind: 'other-event' }, 422);
      throw error;
    }
    return deskPage(ctx, event, outcome, outcome.kind === 'checked-in' ? 201 : 200);
  }
}
