import { Check, Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../../events/entities/event.entity';
import { Student } from '../../students/entities/student.entity';

/**
 * A volunteer by id, any volunteer of the event with an expertise tag, or any volunteer of an
 * organization; `rating` (1 best … 5) in rated mode, absent in ranked mode (rank = position).
 */
export type StoredChoice = ({ volunteerId: string } | { expertise: string } | { organizationId: string }) & { rating?: number };

/** Epoch-free ISO instants, as the student sent them (normalised to UTC). */
export interface StoredInterval {
  startsAt: string;
  endsAt: string;
}

/** A student's ranked choices for one event, in rank order, and the times they cannot attend. */
@Entity('allocation_preferences')
@Check('allocation_preferences_arrays', "jsonb_typeof(choices) = 'array' AND jsonb_typeof(unavailable) = 'array'")
export class AllocationPreference {
  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'allocation_preferences_pkey' })
  @ForeignKey(() => Event, { name: 'allocation_preferences_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @PrimaryColumn({ name: 'student_id', type: 'uuid', primaryKeyConstraintName: 'allocation_preferences_pkey' })
  @ForeignKey(() => Student, { name: 'allocation_preferences_student_id_fkey', onDelete: 'CASCADE' })
  studentId: string;

  @Column({ type: 'jsonb' })
  choices: StoredChoice[];

  @Column({ type: 'jsonb' })
  unavailable: StoredInterval[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
