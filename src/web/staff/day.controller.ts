import { Param, Query, Req } from '@nestjs/common';
import { AllocationPublisher } from '../../allocation/allocation-publisher.service';
import { AllocationRunsService } from '../../allocation/allocation-runs.service';
import { BookingsService } from '../../bookings/bookings.service';
import { BookingMovesService } from '../../bookings/booking-moves.service';
import { SlotsService } from '../../slots/slots.service';
import { Body } from '@nestjs/common';
import { field, FormBody } from '../layout/form';
import { CurrentPrincipal, Roles } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { DomainError } from '../../common/errors/domain-error';
import { UuidParam } from '../../common/http/uuid-param';
import { EventsService } from '../../events/events.service';
import { OutboxService } from '../../invites/outbox.service';
import { ReportsService } from '../../reports/reports.service';
import { StudentsService } from '../../students/students.service';
import { VolunteersService } from '../../volunteers/volunteers.service';
import type { PageContext } from '../layout/page-context';
import type { PageRequest } from '../layout/page-context.factory';
import { Ctx, PageController, PageGet, PagePost } from '../layout/page-decorators';
import { PageResult, redirect } from '../layout/page-result';
import { allocationRunPage, allocationRunsPage, bookingsPage, BookingFilters, explanationPage, mailPage, movePage } from './day.page';
import { reportPage } from './report.page';

/** The fair day in the console: bookings, allocation runs, the report and failed e-mails (the floor plan: floor.controller.ts). */
@PageController('console')
@Roles('staff')
export class DayPageController {
  constructor(
    private readonly events: EventsService,
    private readonly bookings: BookingsService,
    private readonly reports: ReportsService,
    private readonly outbox: OutboxService,
    private readonly runs: AllocationRunsService,
    private readonly publisher: AllocationPublisher,
    private readonly students: StudentsService,
    private readonly volunteers: VolunteersService,
    private readonly moves: BookingMovesService,
    private readonly slots: SlotsService,
  ) {}

  @PageGet('events/:id/bookings/:bookingId/move')
  async moveForm(
    @Param('id', UuidParam('Event')) id: string,
    @Param('bookingId', UuidParam('Booking')) bookingId: string,
    @Ctx() ctx: PageContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageResult> {
    const [event, booking] = await Promise.all([this.events.findOrFail(id), this.bookings.one(bookingId, principal)]);
    const free = await this.slots.list(id, { available: true, limit: 200 }, principal);
    return movePage(ctx, event, booking, free.items);
  }

  /** Moves an interview to another free slot of the event; both parties get the updated invite. */
  @PagePost('events/:id/bookings/:bookingId/move')
  async move(
    @Param('id', UuidParam('Event')) id: string,
    @Param('bookingId', UuidParam('Booking')) bookingId: string,
    @Body() body: FormBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageResult> {
    const slotId = field(body, 'slotId');
    if (!/^[0-9a-f-]{36}$/i.test(slotId)) return redirect(`/console/events/${id}/bookings/${bookingId}/move`);
    try {
      await this.moves.move(bookingId, { slotId }, principal);
    } catch (error) {
      if (error instanceof DomainError && (error.status === 409 || error.status === 422)) return redirect(`/console/events/${id}/bookings`, 'move-refused');
      throw error;
    }
    return redirect(`/console/events/${id}/bookings`, 'moved');
  }

  @PageGet('events/:id/bookings')
  async bookingList(@Param('id', UuidParam('Event')) id: string, @Query() query: Record<string, unknown>, @Ctx() ctx: PageContext): Promise<PageResult> {
    const event = await this.events.findOrFail(id);
    const filters: BookingFilters = {
      status: query.status === 'confirmed' || query.status === 'cancelled' ? query.status : '',
      q: typeof query.q === 'string' ? query.q.trim().slice(0, 100) : '',
    };
    const needle = filters.q.toLowerCase();
    const all = await this.bookings.forEvent(id, filters.status || undefined);
    const shown = needle ? all.filter((b) => [b.student.name, b.volunteer.name, b.volunteer.organization ?? ''].some((s) => s.toLowerCase().includes(needle))) : all;
    return bookingsPage(ctx, event, shown, filters);
  }

  /** The printable schedule, as the API's `GET /events/{id}/bookings?format=csv` gives it. */
  @PageGet('events/:id/bookings.csv')
  async bookingCsv(@Param('id', UuidParam('Event')) id: string): Promise<PageResult> {
    return { kind: 'file', contentType: 'text/csv; charset=utf-8', filename: 'schedule.csv', body: await this.reports.scheduleCsv(id) };
  }

  /** Staff cancel any interview; both parties are mailed, as through the API. */
  @PagePost('events/:id/bookings/:bookingId/cancel')
  async cancel(
    @Param('id', UuidParam('Event')) id: string,
    @Param('bookingId', UuidParam('Booking')) bookingId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageResult> {
    await this.bookings.cancel(bookingId, principal);
    return redirect(`/console/events/${id}/bookings`, 'cancelled');
  }

  @PageGet('events/:id/report')
  async report(@Param('id', UuidParam('Event')) id: string, @Ctx() ctx: PageContext): Promise<PageResult> {
    const event = await this.events.findOrFail(id);
    return reportPage(ctx, event, await this.reports.report(id));
  }

  @PageGet('events/:id/report.csv')
  async reportCsv(@Param('id', UuidParam('Event')) id: string): Promise<PageResult> {
    return { kind: 'file', contentType: 'text/csv; charset=utf-8', filename: 'report.csv', body: await this.reports.reportCsv(id) };
  }

  @PageGet('mail')
  async mail(@Ctx() ctx: PageContext): Promise<PageResult> {
    return mailPage(ctx, await this.outbox.list('failed'));
  }

  @PagePost('mail/:id/retry')
  async retry(@Param('id', UuidParam('Outbox message')) id: string): Promise<PageResult> {
    try {
      await this.outbox.retry(id);
    } catch (error) {
      // Retried by someone else meanwhile: the list shows where it stands.
      if (!(error instanceof DomainError && error.status === 409)) throw error;
    }
    return redirect('/console/mail', 'mail-retried');
  }

  @PageGet('events/:id/allocation')
  async allocationRuns(@Param('id', UuidParam('Event')) id: string, @Ctx() ctx: PageContext): Promise<PageResult> {
    const event = await this.events.findOrFail(id);
    const page = await this.runs.listForEvent(id, { limit: 50 });
    return allocationRunsPage(ctx, event, page.items);
  }

  /** Starts a run; refused while one is under way, or before the event is published (the notice says so). */
  @PagePost('events/:id/allocation')
  async startRun(@Param('id', UuidParam('Event')) id: string, @Req() req: PageRequest): Promise<PageResult> {
    try {
      const run = await this.runs.start(id, {}, typeof req.id === 'string' ? req.id : undefined);
      return redirect(`/console/allocation/${run.id}`);
    } catch (error) {
      if (error instanceof DomainError && (error.status === 409 || error.status === 422)) return redirect(`/console/events/${id}/allocation`, 'run-refused');
      throw error;
    }
  }

  @PageGet('allocation/:runId')
  async run(@Param('runId', UuidParam('Allocation run')) runId: string, @Ctx() ctx: PageContext): Promise<PageResult> {
    const run = await this.runs.get(runId);
    const event = await this.events.findOrFail(run.eventId);
    const unplaced = (run.unplaced ?? []).slice(0, 200).map((u) => u.studentId);
    const names = new Map((await this.students.findByIds(unplaced)).map((s) => [s.id, s.name]));
    return allocationRunPage(ctx, event, run, names);
  }

  @PageGet('allocation/:runId/explain/:studentId')
  async explain(
    @Param('runId', UuidParam('Allocation run')) runId: string,
    @Param('studentId', UuidParam('Student')) studentId: string,
    @Ctx() ctx: PageContext,
  ): Promise<PageResult> {
    const run = await this.runs.get(runId);
    const [event, explanation, student] = await Promise.all([this.events.findOrFail(run.eventId), this.runs.explanation(runId, studentId), this.students.findOrFail(studentId)]);
    const ids = explanation.choices.map((c) => c.volunteerId).filter((v): v is string => Boolean(v));
    const names = new Map((await this.volunteers.findByIds(ids)).map((v) => [v.id, v.name]));
    return explanationPage(ctx, event, runId, student.name, explanation, names);
  }

  /** Publishes a completed run: its interviews become bookings, and invites go out. */
  @PagePost('allocation/:runId/publish')
  async publish(@Param('runId', UuidParam('Allocation run')) runId: string): Promise<PageResult> {
    try {
      await this.publisher.publish(runId);
    } catch (error) {
      if (error instanceof DomainError && error.status === 409) return redirect(`/console/allocation/${runId}`, 'run-refused');
      throw error;
    }
    return redirect(`/console/allocation/${runId}`, 'run-published');
  }
}
