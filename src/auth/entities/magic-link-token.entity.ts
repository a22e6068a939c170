import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { PrincipalRole } from '../../common/auth/principal';

/** Constraints mirror the migrations by name; test/e2e/schema-drift checks they agree. */
@Entity('magic_link_tokens')
@Unique('magic_link_tokens_hash_unique', ['tokenHash'])
@Check('magic_link_tokens_principal_role_check', "principal_role IN ('student', 'volunteer')")
@Index('magic_link_tokens_expiry_idx', ['expiresAt'])
export class MagicLinkToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'magic_link_tokens_pkey' })
  id: string;

  /** SHA-256 of the token: a database leak does not hand out sign-in links. */
  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash: Buffer;

  @Column({ name: 'principal_role', type: 'varchar', length: 16 })
  principalRole: Exclude<PrincipalRole, 'staff'>;

  /** A student or a volunteer, by role: no foreign key on purpose. */
  @Column({ name: 'principal_id', type: 'uuid' })
  principalId: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
