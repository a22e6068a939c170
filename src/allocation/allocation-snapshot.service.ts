import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/database';
import { Event } from '../events/entities/event.entity';
import { AllocationSnapshotRepository } from './allocation-snapshot.repository';
import { buildAllocationInputWithReport, fingerprintInput } from './allocation-input';
import type { AllocationInput } from './solver';
import { PreferencesService } from './preferences.service';
import { EligibilityService } from '../eligibility/eligibility.service';

/** The solver input for an event as the database has it now, and its fingerprint. */
@Injectable()
export class AllocationSnapshotService {
  constructor(
    private readonly snapshots: AllocationSnapshotRepository,
    private readonly preferences: PreferencesService,
    private readonly eligibility: EligibilityService,
  ) {}

  async read(tx: Tx, event: Event): Promise<{ input: AllocationInput; fingerprint: string; droppedChoices: number }> {
    const mode = await this.preferences.mode(event.id);
    const snapshot = await this.snapshots.load(tx, event.id, {
      maxInterviewsPerStudent: event.maxBookingsPerStudent,
      rankCount: mode.rankCount,
      preferenceMode: mode.preferenceMode,
      acceptableRating: mode.acceptableRating,
      eventStartsAt: event.startsAt,
      eventEndsAt: event.endsAt,
    });
    // Issue 12: students who no longer qualify for the event (its rules changed after they
    // ranked) take no part; the gap between one student's interviews is the solver's too.
    const ineligible = await this.eligibility.ineligibleAmong(event.id, snapshot.preferences.map((p) => p.studentId), tx);
    if (ineligible.size) snapshot.preferences = snapshot.preferences.filter((p) => !ineligible.has(p.studentId));
    snapshot.minGapMinutes = event.minGapMinutes;
    const { input, droppedChoices } = buildAllocationInputWithReport(snapshot);
    return { input, fingerprint: fingerprintInput(input), droppedChoices };
  }
}
