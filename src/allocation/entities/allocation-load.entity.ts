import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Event } from '../../events/entities/event.entity';
import { Organization } from '../../organizations/entities/organization.entity';
import { Volunteer } from '../../volunteers/entities/volunteer.entity';

/** How many interviews an organization or a volunteer wants from an event (issue 14). */
@Entity('allocation_loads')
@Check('allocation_loads_one_target', '(organization_id IS NULL) <> (volunteer_id IS NULL)')
@Check('allocation_loads_bounds', 'min_interviews >= 0 AND max_interviews >= 0 AND min_interviews <= max_interviews')
@Unique('allocation_loads_event_organization_unique', ['eventId', 'organizationId'])
@Unique('allocation_loads_event_volunteer_unique', ['eventId', 'volunteerId'])
export class AllocationLoad {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'allocation_loads_pkey' })
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  @ForeignKey(() => Event, { name: 'allocation_loads_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  @ForeignKey(() => Organization, { name: 'allocation_loads_organization_id_fkey', onDelete: 'CASCADE' })
  organizationId: string | null;

  @Column({ name: 'volunteer_id', type: 'uuid', nullable: true })
  @ForeignKey(() => Volunteer, { name: 'allocation_loads_volunteer_id_fkey', onDelete: 'CASCADE' })
  volunteerId: string | null;

  @Column({ name: 'min_interviews', type: 'smallint', nullable: true })
  minInterviews: number | null;

  @Column({ name: 'max_interviews', type: 'smallint', nullable: true })
  maxInterviews: number | null;
}
