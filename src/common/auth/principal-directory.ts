import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Database } from '../../database/database';
import { PgListener } from '../../database/pg-listener';
import { statement } from '../../database/statement';
import type { Principal, StaffRole } from './principal';
import { SeenAccounts } from './seen-accounts';

/**
 * Declared read model: the auth guard reads the primary keys of `staff`, `students` and
 * `volunteers` (nothing else), so a token of an account deleted since it was issued stops
 * working instead of living out its `JWT_TTL` and reaching code that assumes the account exists.
 */
const EXISTS = {
  student: existsIn('students'),
  volunteer: existsIn('volunteers'),
};

/** A staff account counts while it is not disabled; its role is read with it on every request. */
const STAFF_ROLE = statement('auth.staff-role', `SELECT role FROM staff WHERE id = $1 AND disabled_at IS NULL`, { role: 'varchar' });

function existsIn(table: string) {
  // Issue 13: a deleted person's account is closed at once (deleted_at), before their row is erased.
  return statement(`auth.exists-in-${table}`, `SELECT 1 AS found FROM ${table} WHERE id = $1 AND deleted_at IS NULL`, { found: 'int4' });
}

/** Where PostgreSQL announces deleted students and volunteers (migration AccountDeletionsAnnounced). */
const DELETED_CHANNEL = 'fairgrid_account_deleted';
/**
 * Long enough to cover one student's part of a rush (the slot page, then a click or several),
 * so those cost one lookup, not one each: with 10 s, a rush served at a few hundred requests a
 * second looked most accounts up again (in a benchmark run, warm instead of cold cut the API's
 * CPU per request by a third and PostgreSQL's by a seventh). A deletion is forgotten when
 * announced, whatever this says; this only bounds how long an announcement lost on a silently
 * dead listener connection could matter.
 */
const TRUST_MS = 5 * 60_000;
const CAPACITY = 100_000;

/**
 * A student's or volunteer's account seen lately is believed to exist without a lookup while
 * this process hears deletions: each deletion is announced by PostgreSQL and forgotten here at
 * once; while the announcements are not heard (not yet listening, connection lost) every request
 * looks the account up. Between a deletion's commit and its announcement arriving (a moment)
 * a token may still pass; whatever it then writes is checked against the account by the
 * statement itself (a booking of a deleted student is refused). Staff are always looked up:
 * their requests are few and their role may change.
 */
@Injectable()
export class PrincipalDirectory implements OnModuleDestroy {
  private readonly logger = new Logger(PrincipalDirectory.name);
  private readonly seen = new SeenAccounts(TRUST_MS, CAPACITY);
  private listener?: PgListener;
  private hearing = false;
  /** Counts what may make a lookup stale (a deletion heard, listening begun or lost). */
  private changes = 0;

  constructor(private readonly db: Database) {}

  async exists(principal: Principal): Promise<boolean> {
    return (await this.resolve(principal)) !== undefined;
  }

  /**
   * The principal as it stands now: undefined when its account is gone (or, for staff,
   * disabled); for staff, with the account's current role.
   */
  async resolve(principal: Principal): Promise<Principal | undefined> {
    if (principal.role === 'staff') {
      const [row] = await this.db.run(STAFF_ROLE, [principal.id]);
      return row ? { id: principal.id, role: 'staff', staffRole: row.role as StaffRole } : undefined;
    }
    if (this.hearing && this.seen.has(principal.id)) return principal;
    this.listenForDeletions();
    const changesBefore = this.changes;
    const found = (await this.db.run(EXISTS[principal.role], [principal.id])).length > 0;
    // Remembered only when nothing was heard while the lookup ran: its answer may predate a deletion.
    if (found && this.hearing && this.changes === changesBefore) this.seen.remember(principal.id);
    return found ? principal : undefined;
  }

  async onModuleDestroy(): Promise<void> {
    this.hearing = false;
    await this.listener?.stop();
  }

  /** Started by the first request, so processes that serve none hold no extra connection. */
  private listenForDeletions(): void {
    if (this.listener) return;
    this.listener = new PgListener(
      this.db.listenerConfig('fairgrid-account-deletions'),
      [DELETED_CHANNEL],
      {
        notified: (id) => {
          this.changes++;
          this.seen.forget(id);
        },
        listening: () => {
          this.changes++;
          this.seen.clear();
          this.hearing = true;
        },
        lost: () => {
          this.changes++;
          this.hearing = false;
          this.seen.clear();
        },
      },
      this.logger,
    );
    this.listener.start();
  }
}
