import { Module } from '@nestjs/common';
import { AllocationModule } from '../allocation/allocation.module';
import { BookingsModule } from '../bookings/bookings.module';
import { InvitesModule } from '../invites/invites.module';
import { SlotsModule } from '../slots/slots.module';
import { StudentsModule } from '../students/students.module';
import { VolunteerWithdrawalModule } from '../volunteer-withdrawal/volunteer-withdrawal.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { WaitlistModule } from '../waitlist/waitlist.module';
import { PeopleProcessor } from './jobs/people.processor';
import { PeopleController } from './people.controller';
import { PeopleDeletionService } from './people-deletion.service';

/** Issue 13: a use case above students, volunteers, bookings, slots, invites, waitlists and allocation: deleting a person. */
@Module({
  imports: [StudentsModule, VolunteersModule, BookingsModule, SlotsModule, VolunteerWithdrawalModule, InvitesModule, WaitlistModule, AllocationModule],
  controllers: [PeopleController],
  providers: [PeopleDeletionService],
  exports: [PeopleDeletionService],
})
export class PeopleModule {}

/** Worker role: the processor that erases deleted people. */
@Module({ imports: [PeopleModule], providers: [PeopleProcessor] })
export class PeopleWorkerModule {}
