import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Booking } from '../../bookings/entities/booking.entity';
import { Event } from '../../events/entities/event.entity';

export interface RubricCriterion {
  key: string;
  label: string;
}

/** An event's feedback criteria; without a row the default rubric applies (migration 1765700000001). */
@Entity('feedback_rubrics')
@Check('feedback_rubrics_criteria_check', "jsonb_typeof(criteria) = 'array' AND jsonb_array_length(criteria) BETWEEN 1 AND 10")
export class FeedbackRubric {
  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'feedback_rubrics_pkey' })
  @ForeignKey(() => Event, { name: 'feedback_rubrics_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @Column({ type: 'jsonb' })
  criteria: RubricCriterion[];

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/** A volunteer's feedback on one interview: once per booking, editable for 7 days (a CHECK holds it). */
@Entity('interview_feedback')
@Check('interview_feedback_edit_window', "updated_at <= submitted_at + interval '7 days'")
@Index('interview_feedback_event_idx', ['eventId', 'volunteerId'])
export class InterviewFeedback {
  @PrimaryColumn({ name: 'booking_id', type: 'uuid', primaryKeyConstraintName: 'interview_feedback_pkey' })
  @ForeignKey(() => Booking, { name: 'interview_feedback_booking_id_fkey', onDelete: 'CASCADE' })
  bookingId: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  volunteerId: string;

  @Column({ type: 'varchar', length: 2000, default: '' })
  comment: string;

  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' })
  submittedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

@Entity('feedback_scores')
@Check('feedback_scores_score_check', 'score BETWEEN 1 AND 4')
export class FeedbackScore {
  @PrimaryColumn({ name: 'booking_id', type: 'uuid', primaryKeyConstraintName: 'feedback_scores_pkey' })
  @ForeignKey(() => InterviewFeedback, { name: 'feedback_scores_booking_id_fkey', onDelete: 'CASCADE' })
  bookingId: string;

  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'feedback_scores_pkey' })
  criterion: string;

  @Column({ type: 'smallint' })
  score: number;
}

/** When a booking's volunteer is due the mail asking for feedback, and whether it went. */
@Entity('feedback_requests')
@Index('feedback_requests_unsent_idx', ['dueAt'], { where: 'sent_at IS NULL' })
export class FeedbackRequest {
  @PrimaryColumn({ name: 'booking_id', type: 'uuid', primaryKeyConstraintName: 'feedback_requests_pkey' })
  @ForeignKey(() => Booking, { name: 'feedback_requests_booking_id_fkey', onDelete: 'CASCADE' })
  bookingId: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
