import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Principal } from '../principal';
import { Session } from './session.entity';

@Injectable()
export class SessionsRepository {
  constructor(@InjectRepository(Session) private readonly sessions: Repository<Session>) {}

  async create(tokenHash: Buffer, principal: Principal, expiresAt: Date): Promise<string> {
    const result = await this.sessions.insert({ tokenHash, principalRole: principal.role, principalId: principal.id, expiresAt });
    return (result.identifiers[0] as { id: string }).id;
  }

  /** The live session with this token hash; an expired one is as good as none. */
  async findLive(tokenHash: Buffer): Promise<{ id: string; principal: Principal } | undefined> {
    const rows: { id: string; principal_role: Principal['role']; principal_id: string }[] = await this.sessions.query(
      `SELECT id, principal_role, principal_id FROM sessions WHERE token_hash = $1 AND expires_at > now()`,
      [tokenHash],
    );
    const row = rows[0];
    return row && { id: row.id, principal: { role: row.principal_role, id: row.principal_id } };
  }

  async delete(id: string): Promise<void> {
    await this.sessions.delete({ id });
  }

  /** Every session of one person ("sign out everywhere"). */
  async deleteAllOf(principal: Principal): Promise<number> {
    const result = await this.sessions.delete({ principalRole: principal.role, principalId: principal.id });
    return result.affected ?? 0;
  }

  async deleteExpired(): Promise<void> {
    await this.sessions.query(`DELETE FROM sessions WHERE expires_at < now()`);
  }
}
