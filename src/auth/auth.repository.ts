import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { MagicLinkToken } from './entities/magic-link-token.entity';
import { Staff } from './entities/staff.entity';
import { Database } from '../database/database';

@Injectable()
export class AuthRepository {
  constructor(private readonly db: Database) {}
  private get staff(): Repository<Staff> {
    return this.db.repository(Staff);
  }

  private get tokens(): Repository<MagicLinkToken> {
    return this.db.repository(MagicLinkToken);
  }

  findStaffWithHash(email: string): Promise<Staff | null> {
    return this.staff.createQueryBuilder('s').addSelect('s.password_hash', 's_password_hash').where('s.email = :email', { email }).getOne();
  }

  createStaff(fields: Pick<Staff, 'email' | 'name' | 'passwordHash'>): Promise<Staff> {
    return this.staff.save(this.staff.create(fields));
  }

  anyStaff(): Promise<boolean> {
    return this.staff.exists();
  }

  /** Creates the first staff account unless one exists; safe when processes start together. */
  async createFirstStaff(fields: Pick<Staff, 'email' | 'name' | 'passwordHash'>): Promise<boolean> {
    const rows: unknown[] = await this.staff.query(
      `INSERT INTO staff (email, name, password_hash)
       SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM staff)
       ON CONFLICT DO NOTHING RETURNING id`,
      [fields.email, fields.name, fields.passwordHash],
    );
    return rows.length > 0;
  }

  async saveToken(fields: Pick<MagicLinkToken, 'tokenHash' | 'principalRole' | 'principalId' | 'expiresAt'>): Promise<void> {
    await this.tokens.insert(fields);
  }

  /** Marks the token used and returns whose it was; one caller wins, expired ones never. */
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
  }
}
