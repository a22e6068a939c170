import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal, PrincipalRole } from './principal';

/**
 * Declared read model: the auth guard reads the primary keys of `staff`, `students` and
 * `volunteers` (nothing else), so a token of an account deleted since it was issued stops
 * working at once instead of living out its `JWT_TTL` and reaching code that assumes the
 * account exists.
 */
const TABLE_OF: Record<PrincipalRole, string> = { staff: 'staff', student: 'students', volunteer: 'volunteers' };

@Injectable()
export class PrincipalDirectory {
  constructor(private readonly db: DataSource) {}

  /** One primary-key lookup. */
  async exists(principal: Principal): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM ${TABLE_OF[principal.role]} WHERE id = $1`, [principal.id]);
    return rows.length > 0;
  }
}
