import { IsIn, IsOptional } from 'class-validator';

export class ReportQuery {
  /** `json` (default) or `csv`. */
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class InterviewStats {
  slotsOffered: number;
  booked: number;
  /** booked / slotsOffered; null without slots. */
  fillRate: number | null;
  attended: number;
  noShows: number;
  /** Booked interviews nobody has marked yet. */
  unmarked: number;
  /** attended / (attended + noShows); null before any mark. */
  attendanceRate: number | null;
  /** noShows / (attended + noShows); null before any mark. */
  noShowRate: number | null;
}

export class EventTotals extends InterviewStats {
  /** Students with a confirmed interview, a check-in code or a check-in at this event. */
  registeredStudents: number;
  checkedInStudents: number;
  exhibitors: number;
  /** Volunteers with slots at this event. */
  volunteers: number;
}

export class VolunteerStats extends InterviewStats {
  volunteerId: string;
  name: string;
  organization: string;
}

export class ExpertiseStats extends InterviewStats {
  expertise: string;
}

export class CohortStats {
  /** Null for students without a major. */
  major: string | null;
  graduationYear: number | null;
  registeredStudents: number;
  checkedInStudents: number;
  booked: number;
  attended: number;
  noShows: number;
  attendanceRate: number | null;
  noShowRate: number | null;
}

/** Issue 12: one criterion's scores (1-4). */
export class CriterionFeedback {
  criterion: string;
  label: string;
  /** Scores given for this criterion. */
  responses: number;
  /** Their mean, to two places; null without any. */
  average: number | null;
}

export class VolunteerFeedback {
  volunteerId: string;
  name: string;
  /** Feedback forms this volunteer sent. */
  responses: number;
  /** Mean of all their scores; null without any. */
  average: number | null;
  criteria: CriterionFeedback[];
}

export class FeedbackSummary {
  /** Feedback forms sent for the event's interviews. */
  responses: number;
  average: number | null;
  /** Per criterion of the rubric, over every volunteer. */
  criteria: CriterionFeedback[];
  byVolunteer: VolunteerFeedback[];
}

/** Issue 13: the share of the event's slots held by confirmed bookings at one instant. */
export class FillPoint {
  /** The instant (UTC); pages show it in the event's zone. */
  at: string;
  /** Bookings confirmed by then and not cancelled by then. */
  booked: number;
  /** booked / the slots offered now; null without slots. */
  fillRate: number | null;
}

export class FillOverTime {
  /** Minutes between points (15 minutes to 30 days, so that there are at most 60 points). */
  stepMinutes: number;
  /**
   * From booking opening (or the first booking, if earlier) to now, or to the event's end once
   * it is over; empty before booking opens.
   */
  points: FillPoint[];
}

export class EventReport {
  eventId: string;
  eventName: string;
  generatedAt: string;
  totals: EventTotals;
  byVolunteer: VolunteerStats[];
  byExpertise: ExpertiseStats[];
  byMajorAndYear: CohortStats[];
  /** Issue 12: the volunteers' feedback, per criterion and volunteer. */
  feedback: FeedbackSummary;
  /** Issue 13: the fill rate over time, from each booking's creation and cancellation. */
  fillOverTime: FillOverTime;
}

export class EventBookingsQuery {
  /** Only bookings with this status (JSON only; the CSV schedule lists confirmed ones). */
  @IsOptional()
  @IsIn(['confirmed', 'cancelled'])
  status?: 'confirmed' | 'cancelled';

  /** `json` (default), or `csv`: the printable schedule with each interview's table. */
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
