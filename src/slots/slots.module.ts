import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { EventScheduleService } from './event-schedule.service';
import { SlotsController } from './slots.controller';
import { SlotsRepository } from './slots.repository';
import { SlotsService } from './slots.service';

@Module({
  imports: [EventsModule, VolunteersModule],
  controllers: [SlotsController],
  providers: [SlotsService, SlotsRepository, EventScheduleService],
  exports: [SlotsService, EventScheduleService],
})
export class SlotsModule {}
