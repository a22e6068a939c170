import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Event } from '../../events/entities/event.entity';
import { Student } from '../../students/entities/student.entity';
import { Volunteer } from '../../volunteers/entities/volunteer.entity';

/** Who reads a feed: its owner (a student's or volunteer's own) or staff (the floor team's). */
export type FeedAudience = 'owner' | 'staff';

/**
 * A feed token: the secret in a subscription URL. Mirrors migrations 1764100000000 and
 * 1764400000000 by constraint name.
 */
@Entity('calendar_tokens')
@Check('calendar_tokens_one_owner', 'num_nonnulls(student_id, volunteer_id, event_id) = 1')
@Check('calendar_tokens_audience_check', "(audience = 'owner' AND event_id IS NULL) OR (audience = 'staff' AND student_id IS NULL)")
@Unique('calendar_tokens_token_hash_unique', ['tokenHash'])
@Index('calendar_tokens_student_unique', ['studentId', 'audience'], { unique: true, where: 'student_id IS NOT NULL' })
@Index('calendar_tokens_volunteer_unique', ['volunteerId', 'audience'], { unique: true, where: 'volunteer_id IS NOT NULL' })
@Index('calendar_tokens_event_unique', ['eventId', 'audience'], { unique: true, where: 'event_id IS NOT NULL' })
export class CalendarToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'calendar_tokens_pkey' })
  id: string;

  @Column({ name: 'student_id', type: 'uuid', nullable: true })
  @ForeignKey(() => Student, { name: 'calendar_tokens_student_id_fkey', onDelete: 'CASCADE' })
  studentId: string | null;

  @Column({ name: 'volunteer_id', type: 'uuid', nullable: true })
  @ForeignKey(() => Volunteer, { name: 'calendar_tokens_volunteer_id_fkey', onDelete: 'CASCADE' })
  volunteerId: string | null;

  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  @ForeignKey(() => Event, { name: 'calendar_tokens_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'owner' })
  audience: FeedAudience;

  /** SHA-256 of the token, hex: what a feed request is looked up by. */
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  /** The token sealed with AES-256-GCM, so its owner can be shown the URL again. */
  @Column({ name: 'token_sealed', type: 'text' })
  tokenSealed: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
