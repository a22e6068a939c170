import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { Exhibitor } from './entities/exhibitor.entity';
import { ExhibitorsController } from './exhibitors.controller';
import { ExhibitorsRepository } from './exhibitors.repository';
import { ExhibitorsService } from './exhibitors.service';

@Module({
  imports: [TypeOrmModule.forFeature([Exhibitor]), EventsModule],
  controllers: [ExhibitorsController],
  providers: [ExhibitorsService, ExhibitorsRepository],
  exports: [ExhibitorsService],
})
export class ExhibitorsModule {}
