import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database';
import { statement } from '../../database/statement';
import type { Principal, PrincipalRole } from './principal';

/**
 * Declared read model: the auth guard reads the primary keys of `staff`, `students` and
 * `volunteers` (nothing else), so a token of an account deleted since it was issued stops
 * working at once instead of living out its `JWT_TTL` and reaching code that assumes the
 * account exists. Every authenticated request runs one of these, so each is a named statement
 * (parsed and planned once per connection).
 */
const EXISTS: Record<PrincipalRole, ReturnType<typeof existsIn>> = {
  staff: existsIn('staff'),
  student: existsIn('students'),
  volunteer: existsIn('volunteers'),
};

function existsIn(table: string) {
  return statement(`auth.exists-in-${table}`, `SELECT 1 AS found FROM ${table} WHERE id = $1`, { found: 'int4' });
}

@Injectable()
export class PrincipalDirectory {
  constructor(private readonly db: Database) {}

  /** One primary-key lookup. */
  async exists(principal: Principal): Promise<boolean> {
    return (await this.db.run(EXISTS[principal.role], [principal.id])).length > 0;
  }
}
