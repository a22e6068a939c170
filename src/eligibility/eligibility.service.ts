import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/auth/principal';
import { constraintOf } from '../common/errors/pg-errors';
import { Database, Tx } from '../database/database';
import { EventsService } from '../events/events.service';
import { EligibilityDto, EligibilityResponse, MyEligibilityResponse } from './dto/eligibility.dto';
import { EligibilityErrors } from './eligibility.errors';
import { EligibilityRepository } from './eligibility.repository';
import type { IneligibleRule } from './eligibility.sql';
import { dedupe } from './eligibility-rules';

export type { IneligibleRule };

/**
 * Who may book an event (issue 12). Staff set the rules; every path where a student acts for
 * themself asks here (or evaluates `ineligibleRuleSql` inside its own statement, as the
 * first-come claim does). Staff acting for a student are not held to them.
 */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly db: Database,
    private readonly rules: EligibilityRepository,
    private readonly events: EventsService,
  ) {}

  /** The rule the student fails for the event, or null when they qualify (or the event has no rules). */
  check(eventId: string, studentId: string, tx?: Tx): Promise<IneligibleRule | null> {
    return this.rules.ruleOf(eventId, studentId, tx);
  }

  /** Throws NOT_ELIGIBLE (422, details.rule) unless the student qualifies. */
  async assertEligible(eventId: string, studentId: string, tx?: Tx): Promise<void> {
    const rule = await this.check(eventId, studentId, tx);
    if (rule) throw EligibilityErrors.notEligible(rule);
  }

  /** For lists of events (student pages): event id → the rule the student fails; eligible events are absent. */
  rulesForEvents(studentId: string, eventIds: string[]): Promise<Map<string, IneligibleRule>> {
    return this.rules.rulesForEvents(studentId, eventIds);
  }

  /** For bulk work (allocation), in the caller's transaction: which of these students fail the event's rules. */
  ineligibleAmong(eventId: string, studentIds: string[], tx?: Tx): Promise<Set<string>> {
    return this.rules.ineligibleAmong(eventId, studentIds, tx);
  }

  /** The error a path reports for a rule it found itself (e.g. in one SQL statement). */
  refusal(rule: IneligibleRule) {
    return EligibilityErrors.notEligible(rule);
  }

  async get(eventId: string): Promise<EligibilityResponse> {
    await this.events.findOrFail(eventId);
    return this.view(eventId, await this.rules.rules(eventId));
  }

  async mine(eventId: string, principal: Principal): Promise<MyEligibilityResponse> {
    await this.events.findVisible(eventId, principal);
    const rule = await this.check(eventId, principal.id);
    return { eligible: rule === null, rule, message: rule ? EligibilityErrors.notEligible(rule).message : null };
  }

  /** Replaces every rule of the event at once (PUT). Bookings already made stay. */
  async replace(eventId: string, dto: EligibilityDto): Promise<EligibilityResponse> {
    await this.events.findOrFail(eventId);
    const rules = {
      majors: dedupe(dto.majors),
      graduationYears: dedupe(dto.graduationYears),
      emailDomains: dedupe(dto.emailDomains),
      studentIds: dedupe(dto.studentIds),
    };
    try {
      await this.db.transaction((tx) => this.rules.replace(tx, eventId, rules));
    } catch (error) {
      if (constraintOf(error) === 'event_eligible_students_student_id_fkey') throw EligibilityErrors.unknownStudents();
      throw error;
    }
    return this.get(eventId);
  }

  private view(eventId: string, rules: Awaited<ReturnType<EligibilityRepository['rules']>>): EligibilityResponse {
    return {
      eventId,
      majors: rules?.majors ?? null,
      graduationYears: rules?.graduationYears ?? null,
      emailDomains: rules?.emailDomains ?? null,
      studentIds: rules?.studentIds ?? null,
    };
  }
}
