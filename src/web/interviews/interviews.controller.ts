import { Body, Param } from '@nestjs/common';
import { AttendanceService } from '../../attendance/attendance.service';
import { BookingsService, cutoffPassed } from '../../bookings/bookings.service';
import { CalendarService } from '../../calendar/calendar.service';
import { CurrentPrincipal, Roles } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { DomainError } from '../../common/errors/domain-error';
import { UuidParam } from '../../common/http/uuid-param';
import { field, FormBody } from '../layout/form';
import type { NoticeName, PageContext } from '../layout/page-context';
import { Ctx, PageController, PageGet, PagePost } from '../layout/page-decorators';
import { redirect, PageResult } from '../layout/page-result';
import { InterviewPagesService } from './interview-pages.service';
import { cancelPage, interviewPage } from './interview.page';
import { interviewsPage } from './interviews.page';
import { FeedbackService } from '../../feedback/feedback.service';
import { feedbackPage } from './feedback.page';

/** Feedback answers a volunteer is sent back to the form with, by error code. */
const FEEDBACK_NOTICES: Record<string, NoticeName> = {
  FEEDBACK_LOCKED: 'feedback-locked',
  FEEDBACK_TOO_EARLY: 'feedback-too-early',
  INVALID_FEEDBACK: 'feedback-invalid',
};

/** Students' interviews and volunteers' schedules: the list, one interview, cancelling, attendance. */
@PageController('interviews')
export class InterviewsController {
  constructor(
    private readonly interviews: InterviewPagesService,
    private readonly bookings: BookingsService,
    private readonly attendance: AttendanceService,
    private readonly calendar: CalendarService,
    private readonly feedback: FeedbackService,
  ) {}

  @PageGet('')
  @Roles('student', 'volunteer')
  async list(@Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    return interviewsPage(ctx, principal, await this.interviews.mine(principal));
  }

  /** The page every invite and reminder links to. */
  @PageGet(':id')
  @Roles('student', 'volunteer')
  async one(@Param('id', UuidParam('Interview')) id: string, @Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    return interviewPage(ctx, principal, await this.interviews.one(id, principal));
  }

  @PageGet(':id/cancel')
  @Roles('student', 'volunteer')
  async confirmCancel(@Param('id', UuidParam('Interview')) id: string, @Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    const item = await this.interviews.one(id, principal);
    if (item.booking.status !== 'confirmed') return redirect(`/interviews/${id}`);
    // Issue 12: a student inside the event's cut-off is told so, not asked to confirm.
    if (principal.role === 'student' && cutoffPassed(item.startsAt, item.event.bookingCutoffMinutes, ctx.now)) {
      return redirect(`/interviews/${id}`, 'cancel-cutoff-passed');
    }
    return cancelPage(ctx, principal, item);
  }

  /** Cancels (the other party gets a cancellation); a student goes back to the event's free slots. */
  @PagePost(':id/cancel')
  @Roles('student', 'volunteer')
  async cancel(@Param('id', UuidParam('Interview')) id: string, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    try {
      const booking = await this.bookings.cancel(id, principal);
      return principal.role === 'student' ? redirect(`/event/${booking.eventId}`, 'cancelled') : redirect('/interviews', 'cancelled');
    } catch (error) {
      if (error instanceof DomainError && error.code === 'CANCELLATION_CLOSED') return redirect(`/interviews/${id}`, 'cancellation-closed');
      if (error instanceof DomainError && error.code === 'CUTOFF_PASSED') return redirect(`/interviews/${id}`, 'cancel-cutoff-passed');
      throw error;
    }
  }

  @PagePost(':id/attendance')
  @Roles('volunteer')
  async markAttendance(@Param('id', UuidParam('Interview')) id: string, @Body() body: FormBody, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    const status = field(body, 'status');
    if (status !== 'attended' && status !== 'no_show') return redirect(`/interviews/${id}`);
    await this.attendance.mark(id, { status }, principal);
    return redirect(`/interviews/${id}`, 'attendance-saved');
  }

  /** Issue 12: the volunteer's feedback form (the mail sent when the interview ended links here). */
  @PageGet(':id/feedback')
  @Roles('volunteer')
  async feedbackForm(@Param('id', UuidParam('Interview')) id: string, @Ctx() ctx: PageContext, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    const item = await this.interviews.one(id, principal);
    return feedbackPage(ctx, item, item.feedback!);
  }

  @PagePost(':id/feedback')
  @Roles('volunteer')
  async sendFeedback(@Param('id', UuidParam('Interview')) id: string, @Body() body: FormBody, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    const scores: Record<string, number> = {};
    for (const name of Object.keys(body ?? {})) {
      const key = /^score-([a-z][a-z0-9_-]{0,39})$/.exec(name)?.[1];
      if (key) scores[key] = Number(field(body, name));
    }
    try {
      await this.feedback.submit(id, { scores, comment: field(body, 'comment').slice(0, 2000) }, principal);
      return redirect(`/interviews/${id}/feedback`, 'feedback-saved');
    } catch (error) {
      const notice = error instanceof DomainError ? FEEDBACK_NOTICES[error.code] : undefined;
      if (!notice) throw error;
      return redirect(`/interviews/${id}/feedback`, notice);
    }
  }

  /** The interview as a calendar file, for calendars the e-mailed invite did not reach. */
  @PageGet(':id/invite.ics')
  @Roles('student', 'volunteer')
  async ics(@Param('id', UuidParam('Interview')) id: string, @CurrentPrincipal() principal: Principal): Promise<PageResult> {
    const file = await this.calendar.interviewFile(id, principal);
    return { kind: 'file', contentType: 'text/calendar; charset=utf-8', filename: 'interview.ics', body: file.body };
  }
}
