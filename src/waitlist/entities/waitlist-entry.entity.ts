import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Event } from '../../events/entities/event.entity';
import { Organization } from '../../organizations/entities/organization.entity';
import { Student } from '../../students/entities/student.entity';
import { Volunteer } from '../../volunteers/entities/volunteer.entity';

export const ENTRY_STATUSES = ['waiting', 'served', 'left', 'lapsed'] as const;
/** waiting: in line; served: accepted an offer; left: the student left; lapsed: an offer of theirs expired. */
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** A student in an event's line, narrowed to at most one volunteer, organization or tag; mirrors 1765650000000. */
@Entity('waitlist_entries')
@Check('waitlist_entries_status_check', "status IN ('waiting', 'served', 'left', 'lapsed')")
@Check('waitlist_entries_one_narrowing', 'num_nonnulls(volunteer_id, organization_id, expertise) <= 1')
@Check('waitlist_entries_ended_check', "(status = 'waiting') = (ended_at IS NULL)")
// NULLS NOT DISTINCT, which TypeORM cannot describe: the migration creates it.
@Index('waitlist_entries_waiting_unique', { synchronize: false })
@Index('waitlist_entries_line_idx', ['eventId', 'joinedAt', 'id'], { where: "status = 'waiting'" })
@Index('waitlist_entries_student_idx', ['studentId', 'joinedAt'])
export class WaitlistEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'waitlist_entries_pkey' })
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  @ForeignKey(() => Event, { name: 'waitlist_entries_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @Column({ name: 'student_id', type: 'uuid' })
  @ForeignKey(() => Student, { name: 'waitlist_entries_student_id_fkey', onDelete: 'CASCADE' })
  studentId: string;

  @Column({ name: 'volunteer_id', type: 'uuid', nullable: true })
  @ForeignKey(() => Volunteer, { name: 'waitlist_entries_volunteer_id_fkey', onDelete: 'CASCADE' })
  volunteerId: string | null;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  @ForeignKey(() => Organization, { name: 'waitlist_entries_organization_id_fkey', onDelete: 'CASCADE' })
  organizationId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  expertise: string | null;

  @Column({ type: 'varchar', length: 16, default: 'waiting' })
  status: EntryStatus;

  @Column({ name: 'joined_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  joinedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
