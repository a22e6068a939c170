import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AllocationModule, AllocationWorkerModule } from './allocation/allocation.module';
import { AttendanceModule } from './attendance/attendance.module';
import { AuthModule, AuthWorkerModule } from './auth/auth.module';
import { BookingsModule } from './bookings/bookings.module';
import { CalendarModule } from './calendar/calendar.module';
import { CheckInModule } from './check-in/check-in.module';
import { AuthCoreModule } from './common/auth/auth-core.module';
import { HttpPolicyModule } from './common/http/http-policy.module';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { LoggingModule } from './common/logging/logging.module';
import { ConfigModule } from './config/config.module';
import { Environment } from './config/environment';
import { dataSourceOptions } from './database/data-source-options';
import { DatabaseModule } from './database/database.module';
import { EventEditsModule } from './event-edits/event-edits.module';
import { EventsModule } from './events/events.module';
// Issue 12: eligibility rules per event.
import { EligibilityModule } from './eligibility/eligibility.module';
import { ExhibitorsModule } from './exhibitors/exhibitors.module';
import { FloorModule } from './floor/floor.module';
import { HealthModule } from './health/health.module';
import { I18nModule } from './common/i18n/i18n.module';
import { InvitesModule, InvitesWorkerModule } from './invites/invites.module';
// Issue 13: deleting people
import { PeopleModule, PeopleWorkerModule } from './people/people.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueueModule } from './queue/queue.module';
import { QueueWorkerModule } from './queue/queue-worker.module';
import { ReportsModule } from './reports/reports.module';
import { SlotsModule } from './slots/slots.module';
import { StudentsModule } from './students/students.module';
import { StrikesModule } from './strikes/strikes.module';
import { FeedbackModule, FeedbackWorkerModule } from './feedback/feedback.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { VolunteerWithdrawalModule } from './volunteer-withdrawal/volunteer-withdrawal.module';
import { VolunteersModule } from './volunteers/volunteers.module';
import { WebModule } from './web/web.module';
// Issue 12, waitlists with offers.
import { WaitlistModule, WaitlistWorkerModule } from './waitlist/waitlist.module';

/**
 * One build, three roles: `api` serves HTTP and only enqueues, `worker` runs the queue
 * processors, `all` does both in one process. Every role is stateless: any number of each
 * may share one PostgreSQL and Redis.
 */
@Module({})
export class AppModule {
  static forRole(env: Environment): DynamicModule {
    const withApi = env.FAIRGRID_ROLE !== 'worker';
    const withWorker = env.FAIRGRID_ROLE !== 'api';
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggingModule.forRoot(env),
        TypeOrmModule.forRoot(dataSourceOptions(env.DATABASE_URL)),
        QueueModule,
        I18nModule,
        AuthCoreModule,
        HttpPolicyModule,
        RateLimitModule,
        DatabaseModule,
        EventsModule,
        OrganizationsModule,
        VolunteersModule,
        StudentsModule,
        StrikesModule,
        SlotsModule,
        BookingsModule,
        // Issue 12: who may book an event.
        EligibilityModule,
        ExhibitorsModule,
        FloorModule,
        CheckInModule,
        AttendanceModule,
        ReportsModule,
        AuthModule,
        AllocationModule,
        InvitesModule,
        CalendarModule,
        // Issue 12: interview feedback.
        FeedbackModule,
        // Use cases above the features they combine.
        EventEditsModule,
        VolunteerWithdrawalModule,
        // Issue 12: waitlists with offers (above bookings).
        WaitlistModule,
        // Issue 13: people edited and deleted by staff (above bookings).
        PeopleModule,
        // Health, metrics and the web pages are HTTP: API roles only.
        ...(withApi ? [HealthModule, MetricsModule, WebModule] : []),
        // Queue processors, the invite relay and the solver threads run in worker roles only.
        ...(withWorker
          ? [
              QueueWorkerModule,
              AuthWorkerModule,
              AllocationWorkerModule,
              InvitesWorkerModule,
              WaitlistWorkerModule,
              FeedbackWorkerModule,
              PeopleWorkerModule,
            ]
          : []),
      ],
    };
  }
}
