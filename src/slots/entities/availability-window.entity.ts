import { Check, Column, Entity, Exclusion, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Event } from '../../events/entities/event.entity';
import { Volunteer } from '../../volunteers/entities/volunteer.entity';

/** Constraints mirror the migrations by name; test/e2e/schema-drift checks they agree. */
@Entity('availability_windows')
@Check('availability_time_order', 'ends_at > starts_at')
@Exclusion('availability_no_overlap', 'USING gist (volunteer_id WITH =, tstzrange(starts_at, ends_at) WITH &&)')
@Index('availability_event_volunteer_idx', ['eventId', 'volunteerId'])
export class AvailabilityWindow {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'availability_windows_pkey' })
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  @ForeignKey(() => Event, { name: 'availability_windows_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  @ForeignKey(() => Volunteer, { name: 'availability_windows_volunteer_id_fkey', onDelete: 'CASCADE' })
  volunteerId: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;
}
