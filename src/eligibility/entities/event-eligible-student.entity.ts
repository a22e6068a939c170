import { Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Student } from '../../students/entities/student.entity';
import { EventEligibility } from './event-eligibility.entity';

/** The explicit list of an event whose eligibility is `listed_only`. */
@Entity('event_eligible_students')
@Index('event_eligible_students_student_idx', ['studentId'])
export class EventEligibleStudent {
  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'event_eligible_students_pkey' })
  @ForeignKey(() => EventEligibility, { name: 'event_eligible_students_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @PrimaryColumn({ name: 'student_id', type: 'uuid', primaryKeyConstraintName: 'event_eligible_students_pkey' })
  @ForeignKey(() => Student, { name: 'event_eligible_students_student_id_fkey', onDelete: 'CASCADE' })
  studentId: string;
}
