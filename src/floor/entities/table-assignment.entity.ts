import { Check, Column, Entity, Exclusion, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';
import { Event } from '../../events/entities/event.entity';
import { Volunteer } from '../../volunteers/entities/volunteer.entity';
import { FloorPlace } from './floor-place.entity';

/** A volunteer at an interview table for a time range. */
@Entity('table_assignments')
@Check('table_assignments_time_order', 'ends_at > starts_at')
@Exclusion(
  'table_assignments_volunteer_no_overlap',
  'USING gist (event_id WITH =, volunteer_id WITH =, tstzrange(starts_at, ends_at) WITH &&)',
)
@Exclusion('table_assignments_table_no_overlap', 'USING gist (place_id WITH =, tstzrange(starts_at, ends_at) WITH &&)')
export class TableAssignment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'table_assignments_pkey' })
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  @ForeignKey(() => Event, { name: 'table_assignments_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @Column({ name: 'place_id', type: 'uuid' })
  @ForeignKey(() => FloorPlace, { name: 'table_assignments_place_id_fkey', onDelete: 'CASCADE' })
  placeId: string;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  @ForeignKey(() => Volunteer, { name: 'table_assignments_volunteer_id_fkey', onDelete: 'CASCADE' })
  volunteerId: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;
}
