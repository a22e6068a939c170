import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { Exhibitor } from './entities/exhibitor.entity';
import { ExhibitorsController } from './exhibitors.controller';
import { ExhibitorsRepository } from './exhibitors.repository';
import { ExhibitorsService } from './exhibitors.service';

@Module({
  imports: [EventsModule],
  controllers: [ExhibitorsController],
  providers: [ExhibitorsService, ExhibitorsRepository],
  exports: [ExhibitorsService],
})
export class ExhibitorsModule {}
