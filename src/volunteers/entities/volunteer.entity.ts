import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';

/** Constraints mirror the migrations by name; test/e2e/schema-drift checks they agree. */
@Entity('volunteers')
@Unique('volunteers_email_unique', ['email'])
@Check('volunteers_erased_after_deleted', 'erased_at IS NULL OR deleted_at IS NOT NULL')
@Check('volunteers_email_check', 'email = lower(email)')
@Index('volunteers_expertise_idx', ['expertise'], { type: 'gin' })
@Index('volunteers_organization_idx', ['organizationId'])
export class Volunteer {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'volunteers_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The organization's name as last given (kept for existing clients); `organizationId` is the record. */
  @Column({ type: 'varchar', length: 200, default: '' })
  organization: string;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  @ForeignKey(() => Organization, { name: 'volunteers_organization_id_fkey', onDelete: 'SET NULL' })
  organizationId: string | null;

  @Column({ type: 'varchar', length: 200, default: '' })
  title: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  expertise: string[];

  /** Issue 13: set when staff delete the person: the account is closed (no sign-in, in no list). */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  /** Set once the name and address are erased, after the cancellation mails that needed them. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
