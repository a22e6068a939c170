import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CursorQuery } from '../../common/http/pagination';

export class CreateAllocationRunDto {
  /**
   * Drives the tie-breaking lottery: the same inputs and seed give the same result. Random when
   * left out. A number is taken as its decimal text (`42` and `"42"` are the same seed).
   */
  @ApiPropertyOptional({ oneOf: [{ type: 'string', maxLength: 100 }, { type: 'integer' }], example: 42 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value))
  @IsString({ message: 'seed must be a string or a whole number' })
  @MaxLength(100)
  @Matches(/^[\w.:-]+$/, { message: 'seed must be letters, digits, dots, colons, dashes or underscores' })
  seed?: string;
}

export class AllocationRunCreatedResponse {
  id: string;
  status: 'queued';
}

export class UnplacedStudentResponse {
  studentId: string;
  /** limit-reached, no-available-choice, conflicts or capacity. */
  reason: string;
}

export class LeximinLevelResponse {
  interviews: number;
  students: number;
  upperBound: number;
}

export class AllocationStatsResponse {
  studentsWithPreferences: number;
  studentsPlaced: number;
  interviewsPlaced: number;
  /** choiceHistogram[r - 1] interviews went to a choice of rank r. */
  choiceHistogram: number[];
  objective: number;
  upperBound: number;
  gapPercent: number;
  /** Largest regret of a placed student: their rank cost minus the least it could be with as many interviews (0 = everyone got their best). */
  worstRegret: number;
  studentsAtWorstRegret: number;
  /** No allocation with the same fairness levels has a smaller worst regret than this. */
  regretLowerBound: number;
  /** worstRegret equals the bound: proven least possible. */
  regretProven: boolean;
}

export class LoadReportResponse {
  kind: 'organization' | 'volunteer';
  id: string;
  minInterviews: number;
  maxInterviews: number | null;
  /** After the run, bookings before it included. */
  interviews: number;
  /** met, or released: the minimum could not be met in full, so the run did not try to. */
  status: 'met' | 'released';
}

export class RunTimingsResponse {
  /** Reading slots, bookings and preferences. */
  loadMs: number;
  /** The solver, in its worker thread. */
  solveMs: number;
}

/** A run as listed: the detail view without `leximin`, `unplaced` and `timings`. */
export class AllocationRunSummary {
  id: string;
  eventId: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  seed: string;
  /** 0-100. */
  progress: number;
  algorithm: string | null;
  /** Once completed. */
  stats: AllocationStatsResponse | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  publishedAt: string | null;
}

/** One run in full: the summary, and once completed the fairness levels, who is unplaced and why, and timings. */
export class AllocationRunResponse extends AllocationRunSummary {
  leximin: LeximinLevelResponse[] | null;
  unplaced: UnplacedStudentResponse[] | null;
  /** Each organization or volunteer minimum, met or released. */
  loads: LoadReportResponse[] | null;
  /** Choices left out because what they name no longer interviews at the event (e.g. a withdrawn volunteer). */
  droppedChoices: number | null;
  timings: RunTimingsResponse | null;
}

export class ChoiceExplanationResponse {
  /** The rank, or the rating in rated events. */
  rank: number;
  volunteerId?: string;
  /** `tag:<expertise>` for an expertise choice. */
  groupId?: string;
  organizationId?: string;
  /** assigned, not-needed, same-organization, no-room, unavailable, clashes-with-interview, taken, load-limit or kept-free. */
  outcome: string;
  /** taken: how many of the students in the slots ranked it as high or higher (no one is named). */
  heldAtHigherPriority?: number;
  /** taken: how many ranked it lower but were owed the interview first by the fairness rules. */
  heldByFairness?: number;
  slotsConsidered?: number;
}

export class StudentExplanationResponse {
  runId: string;
  studentId: string;
  interviews: number;
  limit: number;
  fixedBookings: number;
  regret: number;
  choices: ChoiceExplanationResponse[];
}

export class AllocationRunPage {
  /** Newest first. */
  items: AllocationRunSummary[];
  nextCursor: string | null;
}

export class AssignmentsQuery extends CursorQuery {
  /** csv: the whole list as text/csv instead of a JSON page. */
  @IsOptional()
  @Matches(/^(json|csv)$/, { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}

export class AssignmentResponse {
  studentId: string;
  slotId: string;
  volunteerId: string;
  startsAt: string;
  endsAt: string;
  rank: number;
  /** Set once the run is published. */
  bookingId: string | null;
  /** Null once the student is deleted; assignments keep ids only. */
  studentName: string | null;
  /** Null once the volunteer is deleted. */
  volunteerName: string | null;
  /** The volunteer's organization. */
  organization: string | null;
}

export class AssignmentPage {
  items: AssignmentResponse[];
  nextCursor: string | null;
}

export class PublishResponse {
  runId: string;
  publishedAt: string;
  bookingsCreated: number;
}
