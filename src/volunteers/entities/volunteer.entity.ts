import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Constraints mirror the migrations by name; test/e2e/schema-drift checks they agree. */
@Entity('volunteers')
@Unique('volunteers_email_unique', ['email'])
@Check('volunteers_email_check', 'email = lower(email)')
@Index('volunteers_expertise_idx', ['expertise'], { type: 'gin' })
export class Volunteer {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'volunteers_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  organization: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  title: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  expertise: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
