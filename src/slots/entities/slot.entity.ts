import { Check, Column, CreateDateColumn, Entity, Exclusion, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Event } from '../../events/entities/event.entity';
import { Volunteer } from '../../volunteers/entities/volunteer.entity';

/** Constraints mirror the migrations by name; test/e2e/schema-drift checks they agree. */
@Entity('slots')
@Check('slots_time_order', 'ends_at > starts_at')
@Exclusion('slots_no_overlap', 'USING gist (volunteer_id WITH =, tstzrange(starts_at, ends_at) WITH &&)')
@Index('slots_event_start_idx', ['eventId', 'startsAt', 'id'])
export class Slot {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'slots_pkey' })
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  @ForeignKey(() => Event, { name: 'slots_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  @ForeignKey(() => Volunteer, { name: 'slots_volunteer_id_fkey', onDelete: 'CASCADE' })
  volunteerId: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
