import { Injectable } from '@nestjs/common';
import { Database } from '../../../database/database';
import { statement } from '../../../database/statement';
import type { Principal } from '../principal';

const CREATE = statement(
  'sessions.create',
  `INSERT INTO sessions (token_hash, principal_role, principal_id, expires_at) VALUES ($1, $2, $3, $4) RETURNING id`,
  { id: 'uuid' },
);
/** Every page request reads this; an expired session is as good as none. */
const FIND_LIVE = statement(
  'sessions.find-live',
  `SELECT id, principal_role, principal_id FROM sessions WHERE token_hash = $1 AND expires_at > now()`,
  { id: 'uuid', principal_role: 'varchar', principal_id: 'uuid' },
);
const DELETE = statement('sessions.delete', `DELETE FROM sessions WHERE id = $1`, {});
const DELETE_ALL_OF = statement('sessions.delete-all-of', `DELETE FROM sessions WHERE principal_role = $1 AND principal_id = $2`, {});
const DELETE_EXPIRED = statement('sessions.delete-expired', `DELETE FROM sessions WHERE expires_at < now()`, {});

@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  async create(tokenHash: Buffer, principal: Principal, expiresAt: Date): Promise<string> {
    const [row] = await this.db.run(CREATE, [tokenHash, principal.role, principal.id, expiresAt]);
    return row.id;
  }

  async findLive(tokenHash: Buffer): Promise<{ id: string; principal: Principal } | undefined> {
    const [row] = await this.db.run(FIND_LIVE, [tokenHash]);
    return row && { id: row.id, principal: { role: row.principal_role as Principal['role'], id: row.principal_id } };
  }

  async delete(id: string): Promise<void> {
    await this.db.count(DELETE, [id]);
  }

  /** Every session of one person ("sign out everywhere"). */
  deleteAllOf(principal: Principal): Promise<number> {
    return this.db.count(DELETE_ALL_OF, [principal.role, principal.id]);
  }

  async deleteExpired(): Promise<void> {
    await this.db.count(DELETE_EXPIRED, []);
  }
}
