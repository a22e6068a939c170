import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Event } from '../../events/entities/event.entity';
import { Student } from '../../students/entities/student.entity';

/** The primary key makes a second scan find the first check-in instead of adding one. */
@Entity('check_ins')
export class CheckIn {
  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'check_ins_pkey' })
  @ForeignKey(() => Event, { name: 'check_ins_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @PrimaryColumn({ name: 'student_id', type: 'uuid', primaryKeyConstraintName: 'check_ins_pkey' })
  @ForeignKey(() => Student, { name: 'check_ins_student_id_fkey', onDelete: 'CASCADE' })
  studentId: string;

  @CreateDateColumn({ name: 'checked_in_at', type: 'timestamptz' })
  checkedInAt: Date;

  @Column({ name: 'checked_in_by', type: 'uuid' })
  checkedInBy: string;
}
