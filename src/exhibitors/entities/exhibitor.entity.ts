import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Event } from '../../events/entities/event.entity';

/** Constraints mirror the migrations by name; test/e2e/schema-drift checks they agree. */
@Entity('exhibitors')
@Unique('exhibitors_event_organization_unique', ['eventId', 'organization'])
export class Exhibitor {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'exhibitors_pkey' })
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  @ForeignKey(() => Event, { name: 'exhibitors_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @Column({ type: 'varchar', length: 200 })
  organization: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  industries: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  majors: string[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  website: string | null;

  @Column({ name: 'contact_name', type: 'varchar', length: 200, nullable: true })
  contactName: string | null;

  @Column({ name: 'contact_email', type: 'varchar', length: 254, nullable: true })
  contactEmail: string | null;

  @Column({ name: 'contact_phone', type: 'varchar', length: 50, nullable: true })
  contactPhone: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
