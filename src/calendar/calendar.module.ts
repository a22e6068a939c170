import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { FloorModule } from '../floor/floor.module';
import { InvitesModule } from '../invites/invites.module';
import { StudentsModule } from '../students/students.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { CalendarController } from './calendar.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';

/** Personal and staff calendar feeds (METHOD:PUBLISH). */
@Module({
  imports: [InvitesModule, EventsModule, FloorModule, StudentsModule, VolunteersModule],
  controllers: [CalendarController],
  providers: [CalendarService, CalendarRepository],
  exports: [CalendarService],
})
export class CalendarModule {}
