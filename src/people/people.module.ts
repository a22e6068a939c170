import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { InvitesModule } from '../invites/invites.module';
import { SlotsModule } from '../slots/slots.module';
import { StudentsModule } from '../students/students.module';
import { VolunteerWithdrawalModule } from '../volunteer-withdrawal/volunteer-withdrawal.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { PeopleProcessor } from './jobs/people.processor';
import { PeopleController } from './people.controller';
import { PeopleDeletionService } from './people-deletion.service';

/** Issue 13: a use case above students, volunteers, bookings, slots and invites: deleting a person. */
@Module({
  imports: [StudentsModule, VolunteersModule, BookingsModule, SlotsModule, VolunteerWithdrawalModule, InvitesModule],
  controllers: [PeopleController],
  providers: [PeopleDeletionService],
  exports: [PeopleDeletionService],
})
export class PeopleModule {}

/** Worker role: the processor that erases deleted people. */
@Module({ imports: [PeopleModule], providers: [PeopleProcessor] })
export class PeopleWorkerModule {}
