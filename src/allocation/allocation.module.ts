import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BookingsModule } from '../bookings/bookings.module';
import { EventsModule } from '../events/events.module';
import { StudentsModule } from '../students/students.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { AllocationAssignmentsService } from './allocation-assignments.service';
import { AllocationLoadsService } from './allocation-loads.service';
import { AllocationPublisher } from './allocation-publisher.service';
import { AllocationRunner } from './allocation-runner.service';
import { AllocationRunsController } from './allocation-runs.controller';
import { AllocationRunsRepository } from './allocation-runs.repository';
import { AllocationRunsService } from './allocation-runs.service';
import { AllocationSnapshotRepository } from './allocation-snapshot.repository';
import { AllocationSnapshotService } from './allocation-snapshot.service';
import { AllocationAssignmentRow } from './entities/allocation-assignment.entity';
import { AllocationExplanation } from './entities/allocation-explanation.entity';
import { AllocationLoad } from './entities/allocation-load.entity';
import { AllocationPreference } from './entities/allocation-preference.entity';
import { AllocationRun } from './entities/allocation-run.entity';
import { AllocationSettings } from './entities/allocation-settings.entity';
import { AllocationProcessor } from './jobs/allocation.processor';
import { PreferencesController } from './preferences.controller';
import { PreferencesRepository } from './preferences.repository';
import { PreferencesService } from './preferences.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([AllocationSettings, AllocationPreference, AllocationRun, AllocationAssignmentRow, AllocationLoad, AllocationExplanation]),
    EventsModule,
    BookingsModule,
    StudentsModule,
    VolunteersModule,
  ],
  controllers: [PreferencesController, AllocationRunsController],
  providers: [
    PreferencesService,
    PreferencesRepository,
    AllocationLoadsService,
    AllocationRunsService,
    AllocationAssignmentsService,
    AllocationRunsRepository,
    AllocationSnapshotRepository,
    AllocationSnapshotService,
    AllocationPublisher,
    AllocationRunner,
  ],
  exports: [AllocationRunner, PreferencesService, AllocationRunsService],
})
export class AllocationModule {}

/** Worker role: the processor for the allocation queue. */
@Module({ imports: [AllocationModule], providers: [AllocationProcessor] })
export class AllocationWorkerModule {}
