import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One wrong sign-in code typed for an address; counted per address over a window. */
@Entity('sign_in_failures')
@Index('sign_in_failures_email_idx', ['email', 'failedAt'])
export class SignInFailure {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'sign_in_failures_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'failed_at', type: 'timestamptz', default: () => 'now()' })
  failedAt: Date;
}
