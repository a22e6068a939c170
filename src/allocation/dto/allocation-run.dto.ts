import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CursorQuery } from '../../common/http/pagination';

export class CreateAllocationRunDto {
  /** Drives the tie-breaking lottery: the same inputs and seed give the same result. Random when left out. */
  @IsOptional()
  @IsString()
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
  timings: RunTimingsResponse | null;
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
