import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import { Event } from '../../events/entities/event.entity';
import { Student } from '../../students/entities/student.entity';

/** A random code per student and event, issued on first request and stable afterwards. */
@Entity('check_in_codes')
@Unique('check_in_codes_code_unique', ['code'])
export class CheckInCode {
  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'check_in_codes_pkey' })
  @ForeignKey(() => Event, { name: 'check_in_codes_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @PrimaryColumn({ name: 'student_id', type: 'uuid', primaryKeyConstraintName: 'check_in_codes_pkey' })
  @ForeignKey(() => Student, { name: 'check_in_codes_student_id_fkey', onDelete: 'CASCADE' })
  studentId: string;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
