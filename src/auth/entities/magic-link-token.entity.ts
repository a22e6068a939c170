import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { PrincipalRole } from '../../common/auth/principal';

/** Constraints mirror the migrations by name; test/e2e/schema-drift checks they agree. */
@Entity('magic_link_tokens')
@Unique('magic_link_tokens_hash_unique', ['tokenHash'])
@Check('magic_link_tokens_principal_role_check', "principal_role IN ('student', 'volunteer')")
@Check('magic_link_tokens_code_email_check', '(code_hash IS NULL) = (email IS NULL)')
@Check('magic_link_tokens_failed_attempts_check', 'failed_attempts >= 0')
@Index('magic_link_tokens_expiry_idx', ['expiresAt'])
@Index('magic_link_tokens_email_idx', ['email', 'createdAt'])
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

  /** The address the code was sent to: a typed code counts only with it. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** HMAC of the short code people type (src/auth/sign-in-code.ts); the link token stays 256 bits. */
  @Column({ name: 'code_hash', type: 'bytea', nullable: true })
  codeHash: Buffer | null;

  /** Wrong codes typed for this address while this one was live; at the limit it is dead. */
  @Column({ name: 'failed_attempts', type: 'smallint', default: 0 })
  failedAttempts: number;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
