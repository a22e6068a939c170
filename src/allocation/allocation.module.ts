import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { EventsModule } from '../events/events.module';
import { EligibilityModule } from '../eligibility/eligibility.module';
import { StrikesModule } from '../strikes/strikes.module';
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
import { AllocationProcessor } from './jobs/allocation.processor';
import { PreferencesController } from './preferences.controller';
import { PreferencesRepository } from './preferences.repository';
import { PreferencesService } from './preferences.service';

@Module({
  imports: [EventsModule, BookingsModule, StudentsModule, VolunteersModule, EligibilityModule, StrikesModule],
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
  exports: [AllocationRunner, PreferencesService, AllocationRunsService, AllocationPublisher],
})
export class AllocationModule {}

/** Worker role: the processor for the allocation queue. */
@Module({ imports: [AllocationModule], providers: [AllocationProcessor] })
export class AllocationWorkerModule {}
