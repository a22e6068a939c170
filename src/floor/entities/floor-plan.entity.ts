import { Check, Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../../events/entities/event.entity';
import type { FloorPlanDocument } from '../floor-plan.types';

/**
 * The whole plan as one document, read and written whole; `version` is the optimistic lock.
 * Constraints mirror the migrations by name; test/e2e/schema-drift checks they agree.
 */
@Entity('floor_plans')
@Check('floor_plans_version_check', 'version >= 1')
export class FloorPlan {
  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'floor_plans_pkey' })
  @ForeignKey(() => Event, { name: 'floor_plans_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  document: FloorPlanDocument;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
