import { Body, Param } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { BookingsService } from '../../bookings/bookings.service';
import type { BookingResponse } from '../../bookings/dto/booking.dto';
import { CurrentPrincipal, Roles } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { DomainError } from '../../common/errors/domain-error';
import { UuidParam } from '../../common/http/uuid-param';
import { CheckInService } from '../../check-in/check-in.service';
import { EventsService } from '../../events/events.service';
import { field, fields, FormBody } from '../layout/form';
import type { NoticeName, PageContext } from '../layout/page-context';
import { Ctx, PageController, PageGet, PagePost } from '../layout/page-decorators';
import { redirect, PageResult } from '../layout/page-result';
import { checkInPage } from './check-in.page';
import { apply, focusAfter, parseAction, readState } from './preference-state';
import { preferencesPage } from './preferences.page';
import { StudentPagesService } from './student-pages.service';

/** Booking answers a student is sent back to the slot list with, by error code. */
const BOOKING_NOTICES: Record<string, NoticeName> = {
  SLOT_TAKEN: 'slot-taken',
  // Issue 12: held for a student on the waitlist.
  SLOT_HELD: 'slot-taken',
  NOT_FOUND: 'slot-taken',
  BOOKING_OVERLAP: 'booking-overlap',
  ORGANIZATION_ALREADY_BOOKED: 'organization-booked',
  BOOKING_LIMIT: 'booking-limit',
  BOOKING_CLOSED: 'booking-closed',
  // Issue 12.
  CUTOFF_PASSED: 'cutoff-passed',
  NOT_ELIGIBLE: 'not-eligible',
  BOOKING_TOO_CLOSE: 'booking-too-close',
  // Issue 12: at the strike limit; the home page says why.
  STRIKE_LIMIT: 'strike-limit',
};

/** Students: booking a slot, ranking preferences, their check-in code. (The event page itself: PortalController.) */
@PageController('event/:eventId')
export class StudentController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly checkIns: CheckInService,
    private readonly events: EventsService,
    private readonly pages: StudentPagesService,
  ) {}

  /**
   * One tap books a slot. The Idempotency-Key is the page render's attempt id with the slot, so
   * a double tap (or a resent form) gets the first answer again, never a second booking.
   */
  @PagePost('book')
  @Roles('student')
  async book(@Param('eventId', UuidParam('Event')) eventId: string, @Body() body: FormBody, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    const slotId = field(body, 'slotId');
    const attempt = field(body, 'attempt');
    const back = `/event/${eventId}?${new URLSearchParams(field(body, 'filters')).toString()}`;
    if (!isUUID(slotId) || !/^[\w-]{1,64}$/.test(attempt)) return redirect(back, 'slot-taken', 'slots');
    try {
      const result = await this.bookings.book({ slotId }, principal, `page:${attempt}:${slotId}`);
      return redirect(`/interviews/${(result.body as BookingResponse).id}`, 'booked');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'ALREADY_BOOKED') return redirect(`/interviews/${String(error.details?.bookingId)}`, 'already-booked');
      const notice = BOOKING_NOTICES[error.code];
      if (!notice) throw error;
      return redirect(back, notice, 'slots');
    }
  }

  @PageGet('preferences')
  @Roles('student')
  async preferences(@Param('eventId', UuidParam('Event')) eventId: string, @Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    return preferencesPage(ctx, await this.pages.preferencePage(eventId, principal, ctx.now));
  }

  /** Every button of the ranking posts the whole list with one change, which is saved at once. */
  @PagePost('preferences')
  @Roles('student')
  async changePreferences(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Body() body: FormBody,
    @Ctx() ctx: PageContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageResult> {
    const event = await this.events.findVisible(eventId, principal);
    const rated = field(body, 'rated') === '1';
    const state = readState(fields(body, 'choice'), rated ? fields(body, 'rating') : undefined, fields(body, 'unavailable'));
    const action = parseAction(field(body, 'action'), { add: field(body, 'add'), addRating: field(body, 'addRating'), day: field(body, 'day'), from: field(body, 'from'), to: field(body, 'to') });
    const next = action && apply(state, action, event.timezone);
    const problems = next ? await this.pages.savePreferences(eventId, principal, next, ctx.t) : [ctx.t('preferences.problem.timeIncomplete')];
    if (problems) return preferencesPage(ctx, await this.pages.preferencePage(eventId, principal, ctx.now, { state: next ?? state, problems }), 422);
    return redirect(`/event/${eventId}/preferences`, 'preferences-saved', action && focusAfter(action));
  }

  /** The code (text and QR) the desk scans on fair day. */
  @PageGet('check-in')
  @Roles('student')
  async checkIn(@Param('eventId', UuidParam('Event')) eventId: string, @Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    const event = await this.events.findVisible(eventId, principal);
    return checkInPage(ctx, event, await this.checkIns.codeFor(eventId, principal));
  }
}
