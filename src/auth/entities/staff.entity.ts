import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

import type { StaffRole } from '../../common/auth/principal';

/**
 * Constraints mirror migrations 1764000000000-InitialSchema and 1765400000000-StaffRoles (names included), so
 * `migration:generate` finds nothing to do; test/e2e/schema-drift proves it.
 */
@Entity('staff')
@Unique('staff_email_unique', ['email'])
@Check('staff_email_check', 'email = lower(email)')
@Check('staff_role_check', `role IN ('admin', 'staff', 'desk')`)
export class Staff {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'staff_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  /** admin: everything, staff accounts too; staff: everything else; desk: check-in and attendance only. */
  @Column({ type: 'varchar', length: 16, default: 'staff' })
  role: StaffRole;

  /** Set when the account is disabled: it cannot sign in, and its tokens and sessions stop working. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
