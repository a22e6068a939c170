import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { StudentsModule } from '../students/students.module';
import { CheckInController } from './check-in.controller';
import { CheckInRepository } from './check-in.repository';
import { CheckInService } from './check-in.service';
import { CheckIn } from './entities/check-in.entity';

@Module({
  imports: [EventsModule, StudentsModule],
  controllers: [CheckInController],
  providers: [CheckInService, CheckInRepository],
  exports: [CheckInService],
})
export class CheckInModule {}
