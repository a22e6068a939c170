import { Body, Param } from '@nestjs/common';
import { VolunteerWithdrawalService } from '../../volunteer-withdrawal/volunteer-withdrawal.service';
import { CurrentPrincipal, Roles } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { UuidParam } from '../../common/http/uuid-param';
import { EventsService } from '../../events/events.service';
import { fields, FormBody } from '../layout/form';
import type { PageContext } from '../layout/page-context';
import { Ctx, PageController, PageGet, PagePost } from '../layout/page-decorators';
import { redirect, PageResult } from '../layout/page-result';
import { parseWindowRows } from './availability-form';
import { availabilityPage } from './availability.page';
import { VolunteerPagesService } from './volunteer-pages.service';
import { withdrawPage } from './withdraw.page';

/** Volunteers: availability for an event, and withdrawing from it. */
@PageController('event/:eventId')
export class VolunteerController {
  constructor(
    private readonly pages: VolunteerPagesService,
    private readonly events: EventsService,
    private readonly withdrawals: VolunteerWithdrawalService,
  ) {}

  @PageGet('availability')
  @Roles('volunteer')
  async availability(@Param('eventId', UuidParam('Event')) eventId: string, @Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    return availabilityPage(ctx, await this.pages.availability(eventId, principal));
  }

  @PagePost('availability')
  @Roles('volunteer')
  async saveAvailability(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Body() body: FormBody,
    @Ctx() ctx: PageContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageResult> {
    const event = await this.events.findVisible(eventId, principal);
    const { rows, windows } = parseWindowRows(fields(body, 'day'), fields(body, 'from'), fields(body, 'to'), event.timezone);
    if (!windows) return availabilityPage(ctx, await this.pages.availability(eventId, principal, { rows }), 422);
    const result = await this.pages.saveAvailability(event, principal, rows, windows);
    return result.saved ? redirect(`/event/${eventId}/availability`, 'availability-saved') : availabilityPage(ctx, result.data, result.status);
  }

  @PageGet('withdraw')
  @Roles('volunteer')
  async withdrawForm(@Param('eventId', UuidParam('Event')) eventId: string, @Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    const event = await this.events.findVisible(eventId, principal);
    return withdrawPage(ctx, event, await this.pages.upcomingIn(eventId, principal));
  }

  /** Cancels their interviews here (both parties are told) and removes their availability. */
  @PagePost('withdraw')
  @Roles('volunteer')
  async withdraw(@Param('eventId', UuidParam('Event')) eventId: string, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    await this.withdrawals.withdraw(eventId, principal.id, principal);
    return redirect('/home', 'withdrawn');
  }
}
