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
 * An employer (issue 14): its volunteers, and how many interviews it wants from this run.
 * A student gets at most one interview per organization (fixed bookings included). A volunteer
 * in no organization is an organization of one. `minInterviews` counts the run's new
 * interviews plus those already booked (`bookedInterviews`); a minimum that cannot be met in
 * full is released and reported, never half-met silently.
 */
export interface AllocationOrganization {
  id: string;
  volunteerIds: readonly string[];
  minInterviews?: number;
  maxInterviews?: number;
  /** Interviews the organization already holds (bookings before the run); count toward both bounds. */
  bookedInterviews?: number;
}

/** Per-volunteer bounds, same rules as the organization's. */
export interface VolunteerLoad {
  volunteerId: string;
  minInterviews?: number;
  maxInterviews?: number;
  bookedInterviews?: number;
}

/**
 * One choice at a rank or rating: a volunteer, a group (each of its volunteers at that rank) or
 * an organization (each of its volunteers). 1 is the best; ties are allowed (ratings). A
 * volunteer reached by several choices counts at its best rank.
 */
export type RankedChoice =
  | { rank: number; volunteerId: string }
  | { rank: number; groupId: string }
  | { rank: number; organizationId: string };

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
  /**
   * This student's own limit (fixed bookings included), at most the event's: e.g. in rating
   * mode, how many choices they rated acceptable. Defaults to the event's limit.
   */
  maxInterviews?: number;
}

export interface AllocationInput {
  slots: readonly AllocationSlot[];
  groups?: readonly VolunteerGroup[];
  students: readonly AllocationStudent[];
  /** Interviews per student, fixed bookings included (the event's maxBookingsPerStudent). */
  maxInterviewsPerStudent: number;
  /** How many ranks a student may use (default 5); ranks run 1..rankCount and weigh rankCount+1-rank. */
  rankCount?: number;
  organizations?: readonly AllocationOrganization[];
  volunteerLoads?: readonly VolunteerLoad[];
  /**
   * Issue 12: least time between two interviews of one student (new ones and fixed bookings),
   * in milliseconds; left out or 0: back to back is fine. Unavailable times need no gap.
   */
  minGapMs?: number;
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
  /** The largest regret of a student (see `StudentRegret`); 0 when nobody was placed. */
  worstRegret: number;
  /** Students at `worstRegret` (0 when it is 0 and nobody was placed). */
  studentsAtWorstRegret: number;
  /**
   * No allocation with this fairness profile has a smaller worst regret: a student placed at all
   * holds one interview within `regretLowerBound` of their best, and the most students that can
   * each get one such interview (a matching) falls short of the profile's first level below it.
   */
  regretLowerBound: number;
  /** worstRegret === regretLowerBound: the worst regret is proven least possible. */
  regretProven: boolean;
}

/**
 * Regret of a student with k new interviews: their total cost (rank − 1 each) minus the least
 * total cost of k interviews with distinct organizations among the choices they could attend
 * alone (a slot with room outside their unavailable times), ignoring every other student.
 */
export interface StudentRegret {
  studentId: string;
  regret: number;
}

/** A minimum of an organization or volunteer: met in full, or released (and said so here). */
export interface LoadReport {
  kind: 'organization' | 'volunteer';
  id: string;
  minInterviews: number;
  maxInterviews: number | null;
  /** Interviews it holds after the run, bookings before the run included. */
  interviews: number;
  status: 'met' | 'released';
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

/**
 * Why a choice of a student did or did not become an interview (issue 14):
 * - `assigned`: it did;
 * - `not-needed`: the student's limit was filled by choices at least as good;
 * - `same-organization`: the student already has an interview (or booking) with its organization;
 * - `no-room`: it has no slot with room at all (or its interviewer's/organization's maximum is reached by bookings);
 * - `unavailable`: every slot with room clashes with the student's unavailable times or bookings;
 * - `clashes-with-interview`: the slots left clash with the student's other interviews from this run;
 * - `taken`: every slot the student could attend went to other students (`heldAtHigherPriority`
 *   of them ranked it at least as high; `heldByFairness` ranked it lower but were owed the
 *   interview first by the fairness rules: fewer interviews, or a worse regret);
 * - `load-limit`: slots were free but the organization's or interviewer's maximum was reached;
 * - `kept-free`: a slot was free, but the fairness rules placed the student's interviews
 *   elsewhere (e.g. an organization's minimum, or another student's regret).
 */
export type ChoiceOutcome =
  | 'assigned'
  | 'not-needed'
  | 'same-organization'
  | 'no-room'
  | 'unavailable'
  | 'clashes-with-interview'
  | 'taken'
  | 'load-limit'
  | 'kept-free';

export interface ChoiceExplanation {
  rank: number;
  /** The choice as the student made it: one of these is set. */
  volunteerId?: string;
  groupId?: string;
  organizationId?: string;
  outcome: ChoiceOutcome;
  /** For `taken`: how many of the other students in the slots it could have had ranked it as high or higher (anonymous). */
  heldAtHigherPriority?: number;
  heldByFairness?: number;
  /** For `taken`: how many slots the student could have attended. */
  slotsConsidered?: number;
}

export interface StudentExplanation {
  studentId: string;
  interviews: number;
  /** The student's own limit (fixed bookings included). */
  limit: number;
  fixedBookings: number;
  regret: number;
  choices: ChoiceExplanation[];
}

export interface AllocationResult {
  /** Bumped whenever the same input and seed could give a different result. */
  algorithm: string;
  seed: string;
  assignments: AllocationAssignment[];
  unplaced: UnplacedStudent[];
  stats: AllocationStats;
  leximin: LeximinLevel[];
  /** Students with at least one new interview and a regret above 0, by id. */
  regrets: StudentRegret[];
  /** One line per organization or volunteer with a minimum. */
  loads: LoadReport[];
}
