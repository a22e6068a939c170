import { Injectable } from '@nestjs/common';
import { Database, Tx } from '../database/database';
import { statement } from '../database/statement';
import { ineligibleRuleSql, IneligibleRule } from './eligibility.sql';

/** The rule one student fails for one event, or none (a row with NULL). */
const RULE_OF_STUDENT = statement(
  'eligibility.rule-of-student',
  `SELECT ${ineligibleRuleSql('el', 'st')} AS rule
     FROM students st LEFT JOIN event_eligibility el ON el.event_id = $1
    WHERE st.id = $2`,
  { rule: 'text?' },
);

/** Per event among $2 that restricts eligibility, the rule the student $1 fails (NULL: eligible). */
const RULES_FOR_EVENTS = statement(
  'eligibility.rules-for-events',
  `SELECT el.event_id, ${ineligibleRuleSql('el', 'st')} AS rule
     FROM event_eligibility el JOIN students st ON st.id = $1
    WHERE el.event_id = ANY($2::uuid[])`,
  { event_id: 'uuid', rule: 'text?' },
);

/** Those of the students $2 who fail the event's rules. */
const INELIGIBLE_AMONG = statement(
  'eligibility.ineligible-among',
  `SELECT st.id FROM students st JOIN event_eligibility el ON el.event_id = $1
    WHERE st.id = ANY($2::uuid[]) AND (${ineligibleRuleSql('el', 'st')}) IS NOT NULL`,
  { id: 'uuid' },
);

const RULES = statement(
  'eligibility.rules',
  `SELECT el.majors, el.graduation_years::int4[] AS graduation_years, el.email_domains, el.listed_only,
          CASE WHEN el.listed_only THEN ARRAY(SELECT x.student_id FROM event_eligible_students x WHERE x.event_id = el.event_id ORDER BY x.student_id) END AS student_ids
     FROM event_eligibility el WHERE el.event_id = $1`,
  { majors: 'varchar[]?', graduation_years: 'int4[]?', email_domains: 'varchar[]?', listed_only: 'bool', student_ids: 'uuid[]?' },
);

const UPSERT = statement(
  'eligibility.upsert',
  `INSERT INTO event_eligibility (event_id, majors, graduation_years, email_domains, listed_only)
   VALUES ($1, $2, $3, $4, $5)
   ON CONFLICT (event_id) DO UPDATE SET majors = EXCLUDED.majors, graduation_years = EXCLUDED.graduation_years,
     email_domains = EXCLUDED.email_domains, listed_only = EXCLUDED.listed_only, updated_at = now()`,
  {},
);
const DELETE = statement('eligibility.delete', `DELETE FROM event_eligibility WHERE event_id = $1`, {});
const DELETE_LIST = statement('eligibility.delete-list', `DELETE FROM event_eligible_students WHERE event_id = $1`, {});
const INSERT_LIST = statement(
  'eligibility.insert-list',
  `INSERT INTO event_eligible_students (event_id, student_id) SELECT DISTINCT $1::uuid, unnest($2::uuid[])`,
  {},
);

export interface StoredRules {
  majors: string[] | null;
  graduationYears: number[] | null;
  emailDomains: string[] | null;
  studentIds: string[] | null;
}

@Injectable()
export class EligibilityRepository {
  constructor(private readonly db: Database) {}

  async ruleOf(eventId: string, studentId: string, tx?: Tx): Promise<IneligibleRule | null> {
    const [row] = await this.db.run(RULE_OF_STUDENT, [eventId, studentId], tx);
    return (row?.rule as IneligibleRule | null) ?? null;
  }

  async rulesForEvents(studentId: string, eventIds: string[]): Promise<Map<string, IneligibleRule>> {
    if (!eventIds.length) return new Map();
    const rows = await this.db.run(RULES_FOR_EVENTS, [studentId, eventIds]);
    return new Map(rows.filter((r) => r.rule !== null).map((r) => [r.event_id, r.rule as IneligibleRule]));
  }

  async ineligibleAmong(eventId: string, studentIds: string[], tx?: Tx): Promise<Set<string>> {
    if (!studentIds.length) return new Set();
    return new Set((await this.db.run(INELIGIBLE_AMONG, [eventId, studentIds], tx)).map((r) => r.id));
  }

  async rules(eventId: string, tx?: Tx): Promise<StoredRules | null> {
    const [row] = await this.db.run(RULES, [eventId], tx);
    if (!row) return null;
    return { majors: row.majors, graduationYears: row.graduation_years, emailDomains: row.email_domains, studentIds: row.student_ids };
  }

  /** Replaces the event's rules in the caller's transaction; no rule at all removes the row. */
  async replace(tx: Tx, eventId: string, rules: StoredRules): Promise<void> {
    const none = !rules.majors && !rules.graduationYears && !rules.emailDomains && !rules.studentIds;
    if (none) {
      await this.db.count(DELETE, [eventId], tx);
      return;
    }
    await this.db.count(UPSERT, [eventId, rules.majors, rules.graduationYears, rules.emailDomains, rules.studentIds !== null], tx);
    await this.db.count(DELETE_LIST, [eventId], tx);
    if (rules.studentIds) await this.db.count(INSERT_LIST, [eventId, rules.studentIds], tx);
  }
}
