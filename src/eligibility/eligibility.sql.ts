/**
 * The one definition of eligibility (issue 12), as a SQL expression so every path that must
 * honour it can evaluate it inside its own statement: the first-come booking claim, the checks
 * of preferences and waitlists, the allocation snapshot. `el` is the event's event_eligibility
 * row (all NULL when the event has none: everyone qualifies), `st` the student's students row
 * (id, email, major, graduation_year). The result is the first rule the student fails, or NULL:
 * - `major`: their major (case-insensitive, spaces trimmed) is not one of the listed ones, or they have none;
 * - `graduationYear`: their graduation year is not one of the listed ones, or they have none;
 * - `emailDomain`: their address is not at a listed domain or a subdomain of one;
 * - `list`: the event is for listed students only and they are not listed.
 * Every rule set must hold; the order above is the order they are reported in.
 */
export const ineligibleRuleSql = (el: string, st: string) => `CASE
    WHEN ${el}.event_id IS NULL THEN NULL
    WHEN ${el}.majors IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM unnest(${el}.majors) AS allowed(major) WHERE lower(btrim(allowed.major)) = lower(btrim(${st}.major))) THEN 'major'
    WHEN ${el}.graduation_years IS NOT NULL AND NOT COALESCE(${st}.graduation_year = ANY(${el}.graduation_years), false) THEN 'graduationYear'
    WHEN ${el}.email_domains IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM unnest(${el}.email_domains) AS allowed(domain)
                      WHERE split_part(${st}.email, '@', 2) = allowed.domain OR split_part(${st}.email, '@', 2) LIKE '%.' || allowed.domain) THEN 'emailDomain'
    WHEN ${el}.listed_only
     AND NOT EXISTS (SELECT 1 FROM event_eligible_students x WHERE x.event_id = ${el}.event_id AND x.student_id = ${st}.id) THEN 'list'
  END`;

export const INELIGIBLE_RULES = ['major', 'graduationYear', 'emailDomain', 'list'] as const;
export type IneligibleRule = (typeof INELIGIBLE_RULES)[number];
