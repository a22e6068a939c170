import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { PrincipalRole } from '../principal';

/**
 * A browser sign-in: the cookie holds a random token, this row only its SHA-256, so a
 * database leak does not hand out sessions. Signing out deletes the row.
 * Constraints mirror migration 1765000000000-PageSessions; test/e2e/schema-drift checks them.
 */
@Entity('sessions')
@Unique('sessions_token_hash_unique', ['tokenHash'])
@Check('sessions_principal_role_check', "principal_role IN ('staff', 'volunteer', 'student')")
@Check('sessions_expiry_check', 'expires_at > created_at')
@Index('sessions_principal_idx', ['principalRole', 'principalId'])
@Index('sessions_expiry_idx', ['expiresAt'])
export class Session {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'sessions_pkey' })
  id: string;

  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash: Buffer;

  @Column({ name: 'principal_role', type: 'varchar', length: 16 })
  principalRole: PrincipalRole;

  /** A staff member, volunteer or student, by role: no foreign key on purpose, as for sign-in tokens. */
  @Column({ name: 'principal_id', type: 'uuid' })
  principalId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
