import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { EventsModule } from '../events/events.module';
import { MailModule } from '../mail/mail.module';
import { StudentsModule } from '../students/students.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { FeedbackRequestsService } from './feedback-requests.service';
import { FeedbackController } from './feedback.controller';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackService } from './feedback.service';
import { FeedbackProcessor } from './jobs/feedback.processor';

/** Interview feedback (issue 12): rubrics, the volunteer's feedback, the student's view of it. */
@Module({
  imports: [BookingsModule, EventsModule],
  controllers: [FeedbackController],
  providers: [FeedbackService, FeedbackRepository],
  exports: [FeedbackService],
})
export class FeedbackModule {}

/** Worker role: plans the mails asking for feedback and sends them. */
@Module({
  imports: [BookingsModule, EventsModule, VolunteersModule, StudentsModule, MailModule],
  providers: [FeedbackRequestsService, FeedbackRepository, FeedbackProcessor],
})
export class FeedbackWorkerModule {}
