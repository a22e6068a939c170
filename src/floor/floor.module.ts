import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { EventsModule } from '../events/events.module';
import { ExhibitorsModule } from '../exhibitors/exhibitors.module';
import { SlotsModule } from '../slots/slots.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { ExhibitorDirectoryController } from './exhibitor-directory.controller';
import { FloorController } from './floor.controller';
import { FloorRepository } from './floor.repository';
import { FloorService } from './floor.service';

@Module({
  imports: [EventsModule, ExhibitorsModule, SlotsModule, BookingsModule, VolunteersModule],
  controllers: [FloorController, ExhibitorDirectoryController],
  providers: [FloorService, FloorRepository],
  exports: [FloorService],
})
export class FloorModule {}
