import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * Constraints mirror migration 1764000000000-InitialSchema (names included), so
 * `migration:generate` finds nothing to do; test/e2e/schema-drift proves it.
 */
@Entity('staff')
@Unique('staff_email_unique', ['email'])
@Check('staff_email_check', 'email = lower(email)')
export class Staff {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'staff_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
