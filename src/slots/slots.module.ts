import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { SlotsController } from './slots.controller';
import { SlotsRepository } from './slots.repository';
import { SlotsService } from './slots.service';

@Module({
  imports: [EventsModule, VolunteersModule],
  controllers: [SlotsController],
  providers: [SlotsService, SlotsRepository],
  exports: [SlotsService],
})
export class SlotsModule {}
