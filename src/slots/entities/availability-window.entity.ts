import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('availability_windows')
export class AvailabilityWindow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  volunteerId: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;
}
