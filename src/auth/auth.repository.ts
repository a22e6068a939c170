import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { Database } from '../database/database';
import { MagicLinkToken } from './entities/magic-link-token.entity';
import { Staff } from './entities/staff.entity';

export interface CodeLimits {
  perCode: number;
  perAddress: number;
  windowMinutes: number;
}

/** Thrown inside updateStaff's transaction to roll it back. */
const LAST_ADMIN = Symbol('last-admin');

export type CodeOutcome =
  | { outcome: 'signed-in'; principal: Pick<MagicLinkToken, 'principalRole' | 'principalId'> }
  | { outcome: 'wrong' }
  | { outcome: 'locked' };

@Injectable()
export class AuthRepository {
  constructor(private readonly db: Database) {}

  private get staff(): Repository<Staff> {
    return this.db.repository(Staff);
  }

  private get tokens(): Repository<MagicLinkToken> {
    return this.db.repository(MagicLinkToken);
  }

  /** An enabled staff account with its password hash, for sign-in. */
  findStaffWithHash(email: string): Promise<Staff | null> {
    return this.staff
      .createQueryBuilder('s')
      .addSelect('s.password_hash', 's_password_hash')
      .where('s.email = :email AND s.disabled_at IS NULL', { email })
      .getOne();
  }

  createStaff(fields: Pick<Staff, 'email' | 'name' | 'passwordHash'> & Partial<Pick<Staff, 'role'>>): Promise<Staff> {
    return this.staff.save(this.staff.create(fields));
  }

  /** Every staff account, enabled ones first, then by name. */
  listStaff(): Promise<Staff[]> {
    return this.staff.createQueryBuilder('s').orderBy('s.disabled_at IS NOT NULL').addOrderBy('s.name').addOrderBy('s.id').getMany();
  }

  findStaff(id: string): Promise<Staff | null> {
    return this.staff.findOneBy({ id });
  }

  /**
   * Changes a staff account's role or disabled state; `undefined` when there is no such account,
   * `'last-admin'` (nothing written) when no enabled admin would remain. The enabled admins are
   * locked first, so two admins demoting each other at once cannot both succeed: the second
   * waits, then finds itself the last one.
   */
  updateStaff(id: string, change: { role?: Staff['role']; disabled?: boolean }): Promise<Staff | 'last-admin' | undefined> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT id FROM staff WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`);
      const [rows]: [Staff[], number] = await tx.query(
        `UPDATE staff
            SET role = COALESCE($2, role),
                disabled_at = CASE WHEN $3::boolean IS NULL THEN disabled_at WHEN $3 THEN COALESCE(disabled_at, now()) ELSE NULL END
          WHERE id = $1
          RETURNING id`,
        [id, change.role ?? null, change.disabled ?? null],
      );
      if (rows.length === 0) return undefined;
      const [{ admins }]: { admins: number }[] = await tx.query(`SELECT count(*)::int AS admins FROM staff WHERE role = 'admin' AND disabled_at IS NULL`);
      if (admins === 0) throw LAST_ADMIN;
      return (await tx.getRepository(Staff).findOneBy({ id }))!;
    }).catch((error: unknown) => {
      if (error === LAST_ADMIN) return 'last-admin' as const;
      throw error;
    });
  }

  anyStaff(): Promise<boolean> {
    return this.staff.exists();
  }

  /** Creates the first staff account unless one exists; safe when processes start together. */
  async createFirstStaff(fields: Pick<Staff, 'email' | 'name' | 'passwordHash'>): Promise<boolean> {
    const rows: unknown[] = await this.staff.query(
      `INSERT INTO staff (email, name, password_hash, role)
       SELECT $1, $2, $3, 'admin' WHERE NOT EXISTS (SELECT 1 FROM staff)
       ON CONFLICT DO NOTHING RETURNING id`,
      [fields.email, fields.name, fields.passwordHash],
    );
    return rows.length > 0;
  }

  async saveToken(fields: Pick<MagicLinkToken, 'tokenHash' | 'principalRole' | 'principalId' | 'expiresAt' | 'email' | 'codeHash'>): Promise<void> {
    await this.tokens.insert(fields);
  }

  /**
   * Checks a typed code for an address, in one transaction that locks the address's recent
   * codes, so concurrent guesses are counted one after another. A wrong code counts against
   * every live code of the address (a code at `perCode` wrong tries is dead) and once against
   * the address: at `perAddress` wrong tries within the window no code of the address is
   * accepted (the mailed link still is). A rejected try writes only these counters.
   */
  consumeCode(email: string, codeHash: Buffer, limits: CodeLimits): Promise<CodeOutcome> {
    return this.db.transaction(async (tx) => {
      const rows: { id: string; code_hash: Buffer; failed_attempts: number; principal_role: MagicLinkToken['principalRole']; principal_id: string }[] =
        await tx.query(
          `SELECT id, code_hash, failed_attempts, principal_role, principal_id FROM magic_link_tokens
            WHERE email = $1 AND used_at IS NULL AND expires_at > now()
            ORDER BY created_at
              FOR UPDATE`,
          [email],
        );
      const [{ failures }]: { failures: number }[] = await tx.query(
        `SELECT count(*)::int AS failures FROM sign_in_failures WHERE email = $1 AND failed_at > now() - make_interval(mins => $2)`,
        [email, limits.windowMinutes],
      );
      if (failures >= limits.perAddress) return { outcome: 'locked' };
      const open = rows.filter((r) => r.failed_attempts < limits.perCode);
      const hit = open.find((r) => r.code_hash.equals(codeHash));
      if (hit) {
        await tx.query(`UPDATE magic_link_tokens SET used_at = now() WHERE id = $1`, [hit.id]);
        return { outcome: 'signed-in', principal: { principalRole: hit.principal_role, principalId: hit.principal_id } };
      }
      // With no live code there is nothing to guess: no try is counted (and nothing written).
      if (!open.length) return { outcome: 'wrong' };
      await tx.query(`INSERT INTO sign_in_failures (email) VALUES ($1)`, [email]);
      await tx.query(`UPDATE magic_link_tokens SET failed_attempts = failed_attempts + 1 WHERE id = ANY($1::uuid[])`, [open.map((r) => r.id)]);
      return { outcome: failures + 1 >= limits.perAddress ? 'locked' : 'wrong' };
    });
  }

  async consumeToken(tokenHash: Buffer): Promise<Pick<MagicLinkToken, 'principalRole' | 'principalId'> | undefined> {
    const [rows]: [{ principal_role: MagicLinkToken['principalRole']; principal_id: string }[], number] = await this.tokens.query(
      `UPDATE magic_link_tokens SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING principal_role, principal_id`,
      [tokenHash],
    );
    const row = rows[0];
    return row && { principalRole: row.principal_role, principalId: row.principal_id };
  }

  async deleteExpiredTokens(): Promise<void> {
    await this.tokens.query(`DELETE FROM magic_link_tokens WHERE expires_at < now() - interval '1 day'`);
    await this.tokens.query(`DELETE FROM sign_in_failures WHERE failed_at < now() - interval '1 day'`);
  }
}
