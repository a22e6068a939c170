import { Module, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AllocationModule } from '../allocation/allocation.module';
import { AttendanceModule } from '../attendance/attendance.module';
import { AuthModule } from '../auth/auth.module';
import { BookingsModule } from '../bookings/bookings.module';
import { CalendarModule } from '../calendar/calendar.module';
import { CheckInModule } from '../check-in/check-in.module';
import { EventsModule } from '../events/events.module';
import { EligibilityModule } from '../eligibility/eligibility.module';
import { ExhibitorsModule } from '../exhibitors/exhibitors.module';
import { FloorModule } from '../floor/floor.module';
import { SlotsModule } from '../slots/slots.module';
import { FeedbackModule } from '../feedback/feedback.module';
import { StrikesModule } from '../strikes/strikes.module';
import { StudentsModule } from '../students/students.module';
import { VolunteerWithdrawalModule } from '../volunteer-withdrawal/volunteer-withdrawal.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
// Issue 12, waitlists with offers.
import { WaitlistModule } from '../waitlist/waitlist.module';
import { WaitlistPagesController } from './student/waitlist.controller';
import { CalendarPageController } from './account/calendar.controller';
import { WebSessions } from './account/web-sessions';
import { AssetsController } from './assets/assets.controller';
import { AssetsService } from './assets/assets.service';
import { InterviewPagesService } from './interviews/interview-pages.service';
import { InterviewsController } from './interviews/interviews.controller';
import { CsrfGuard } from './layout/csrf.guard';
import { PageContextFactory } from './layout/page-context.factory';
import { PageExceptionFilter } from './layout/page-exception.filter';
import { PageInterceptor } from './layout/page.interceptor';
import { PortalController } from './shared/portal.controller';
import { SignInController } from './sign-in/sign-in.controller';
import { StudentPagesService } from './student/student-pages.service';
import { StudentController } from './student/student.controller';
import { VolunteerPagesService } from './volunteer/volunteer-pages.service';
import { VolunteerController } from './volunteer/volunteer.controller';
// Issue 13: the staff console
import { StaffAccountsPageController } from './staff/staff-accounts.controller';
import { PeoplePagesService } from './staff/people-pages.service';
import { StudentsPageController, VolunteersPageController } from './staff/people.controller';
import { PeopleModule } from '../people/people.module';
import { EventsPageController } from './staff/events.controller';
import { DeskPageController } from './staff/desk.controller';
import { DayPageController } from './staff/day.controller';
import { FloorPageController } from './staff/floor.controller';
import { ReportsModule } from '../reports/reports.module';
import { EventEditsModule } from '../event-edits/event-edits.module';
import { InvitesModule } from '../invites/invites.module';

/** Issue 13: the staff console's pages (src/web/staff). */
const CONSOLE_CONTROLLERS = [StaffAccountsPageController, StudentsPageController, VolunteersPageController, EventsPageController, DeskPageController, DayPageController, FloorPageController];
const CONSOLE_PROVIDERS = [PeoplePagesService];
const CONSOLE_IMPORTS = [PeopleModule, EventEditsModule, InvitesModule, ReportsModule, ExhibitorsModule];

/**
 * The pages students and volunteers use (and staff's start page), served by the API role
 * outside /api. A delivery layer like the controllers: pages call the features' services and
 * obey the same roles; no rule lives here.
 */
@Module({
  imports: [
    AuthModule,
    EventsModule,
    SlotsModule,
    BookingsModule,
    StudentsModule,
    VolunteersModule,
    VolunteerWithdrawalModule,
    AllocationModule,
    CheckInModule,
    AttendanceModule,
    CalendarModule,
    FloorModule,
    // Issue 12: why a student may not book an event; waitlists; the student's strikes, the
    // feedback form and the student's view of it.
    EligibilityModule,
    WaitlistModule,
    StrikesModule,
    FeedbackModule,
    ...CONSOLE_IMPORTS,
  ],
  controllers: [
    AssetsController,
    SignInController,
    PortalController,
    StudentController,
    VolunteerController,
    InterviewsController,
    CalendarPageController,
    WaitlistPagesController,
    ...CONSOLE_CONTROLLERS,
  ],
  providers: [
    AssetsService,
    PageContextFactory,
    PageInterceptor,
    PageExceptionFilter,
    CsrfGuard,
    WebSessions,
    StudentPagesService,
    VolunteerPagesService,
    InterviewPagesService,
    ...CONSOLE_PROVIDERS,
  ],
  // PageContextFactory, PageInterceptor and CsrfGuard: for the demo's mail pages (src/demo), which use the page decorators.
  exports: [PageExceptionFilter, PageContextFactory, PageInterceptor, CsrfGuard],
})
export class WebModule implements OnApplicationBootstrap {
  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly pageErrors: PageExceptionFilter,
  ) {}

  /**
   * Any other address outside /api gets our "page not found" page. Added once every route and
   * Nest's own not-found handlers are in place, so it only sees what nothing else answered.
   */
  onApplicationBootstrap(): void {
    this.adapter.httpAdapter.use((req: Request, res: Response) => this.pageErrors.render(new NotFoundException(), req, res));
  }
}
