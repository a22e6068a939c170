import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Exhibitor } from '../../exhibitors/entities/exhibitor.entity';
import type { PlaceKind } from '../floor-plan.types';
import { FloorPlan } from './floor-plan.entity';

/**
 * One row per place of a stored plan, so the database enforces what matters across plans
 * and features: unique labels per event, one booth per exhibitor.
 */
@Entity('floor_places')
@Unique('floor_places_event_label_unique', ['eventId', 'label'])
@Unique('floor_places_exhibitor_unique', ['exhibitorId'])
@Check('floor_places_kind_check', "kind IN ('booth', 'interview_table', 'check_in', 'entrance', 'exit', 'restroom')")
@Check('floor_places_exhibitor_on_booth', "exhibitor_id IS NULL OR kind = 'booth'")
export class FloorPlace {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'floor_places_pkey' })
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  @ForeignKey(() => FloorPlan, { name: 'floor_places_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @Column({ type: 'varchar', length: 40 })
  label: string;

  @Column({ type: 'varchar', length: 20 })
  kind: PlaceKind;

  @Column({ name: 'hall_name', type: 'varchar', length: 100 })
  hallName: string;

  @Column({ name: 'exhibitor_id', type: 'uuid', nullable: true })
  @ForeignKey(() => Exhibitor, { name: 'floor_places_exhibitor_id_fkey', onDelete: 'RESTRICT' })
  exhibitorId: string | null;
}
