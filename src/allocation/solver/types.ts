/**
 * The contract of the pure allocation solver (issue 3). Everything here is plain data that
 * survives JSON and structured clone, so the caller can store an input with its run, hand it
 * to a worker thread and get byte-identical results back on any machine.
 *
 * Times are epoch milliseconds; every interval is half-open [startsAt, endsAt).
 */

export type EpochMs = number;

export interface TimeInterval {
  startsAt: EpochMs;
  endsAt: EpochMs;
}

/** A bookable slot and how many more students it can take (capacity minus existing bookings). */
export interface AllocationSlot extends TimeInterval {
  id: string;
  volunteerId: string;
  capacity: number;
}

/**
 * A named set of volunteers, e.g. every volunteer tagged "finance". Students refer to it by id
 * instead of repeating the list, so a popular tag costs one array, not one per student.
 */
export interface VolunteerGroup {
  id: string;
  volunteerIds: readonly string[];
}

/**
 * One ranked choice: a volunteer, or a group standing for each of its volunteers at that rank.
 * Rank 1 is the best. A volunteer reached by several choices counts at its best rank.
 */
export type RankedChoice = { rank: number; volunteerId: string } | { rank: number; groupId: string };

/** A booking made before the run (first come). It stays, counts toward the limit and blocks its time and volunteer. */
export interface FixedBooking extends TimeInterval {
  volunteerId: string;
}

export interface AllocationStudent {
  id: string;
  choices: readonly RankedChoice[];
  /** Times the student cannot attend (classes); hard constraints. */
  unavailable?: readonly TimeInterval[];
  fixedBookings?: readonly FixedBooking[];
}

export interface AllocationInput {
  slots: readonly AllocationSlot[];
  groups?: readonly VolunteerGroup[];
  students: readonly AllocationStudent[];
  /** Interviews per student, fixed bookings included (the event's maxBookingsPerStudent). */
  maxInterviewsPerStudent: number;
  /** How many ranks a student may use (default 5); ranks run 1..rankCount and weigh rankCount+1-rank. */
  rankCount?: number;
}

export interface SolveOptions {
  /** Drives the lottery that breaks ties; the same input and seed give the same bytes. */
  seed: string | number;
  /** Called with whole percentages 0..100, never decreasing. */
  onProgress?: (percent: number) => void;
}

export interface AllocationAssignment extends TimeInterval {
  studentId: string;
  slotId: string;
  volunteerId: string;
  rank: number;
}

/**
 * Why a student with preferences got nothing from this run:
 * - `limit-reached`: fixed bookings already use the whole limit;
 * - `no-available-choice`: no chosen volunteer has a slot left at all;
 * - `conflicts`: chosen volunteers have slots left, but each clashes with the student's
 *   unavailable times or fixed bookings (or is a volunteer already booked);
 * - `capacity`: the student could attend some slot, but every placement that includes them
 *   would leave another student without an interview (the leximin rule) — demand exceeds supply.
 */
export type UnplacedReason = 'limit-reached' | 'no-available-choice' | 'conflicts' | 'capacity';

export interface UnplacedStudent {
  studentId: string;
  reason: UnplacedReason;
}

export interface AllocationStats {
  studentsWithPreferences: number;
  /** Students who got at least one interview from this run. */
  studentsPlaced: number;
  interviewsPlaced: number;
  /** `choiceHistogram[r - 1]` interviews went to a choice of rank r. */
  choiceHistogram: number[];
  /** Sum over assignments of (rankCount + 1 - rank). */
  objective: number;
  /**
   * No allocation with the same fairness profile (students per interview count, see `leximin`)
   * and the same number of interviews scores more: the optimum of the relaxation that lets a
   * student's own new interviews overlap each other, every other constraint kept, read at our
   * number of interviews. Proven for limits up to 2, and for any limit when every leximin level
   * is at its bound; otherwise an estimate.
   */
  upperBound: number;
  /** 100 * (upperBound - objective) / upperBound, rounded to 3 decimals; 0 when the bound is 0. */
  gapPercent: number;
}

/**
 * The fairness profile: `students` have at least `interviews` interviews (fixed bookings
 * included). `upperBound` is the most any allocation can reach at that level once the levels
 * before it are at their maximum, from the same relaxation; level 1 is always exact.
 */
export interface LeximinLevel {
  interviews: number;
  students: number;
  upperBound: number;
}

export interface AllocationResult {
  /** Bumped whenever the same input and seed could give a different result. */
  algorithm: string;
  seed: string;
  assignments: AllocationAssignment[];
  unplaced: UnplacedStudent[];
  stats: AllocationStats;
  leximin: LeximinLevel[];
}
