import { statement } from '../database/statement';
import { ineligibleRuleSql } from '../eligibility/eligibility.sql';

/**
 * A first-come booking as ONE statement, prepared once per connection: it reads the slot, its
 * event, the student and the volunteer, checks the booking rules, claims the slot, writes the
 * change-log row and, only when nothing was inserted, finds out why. One round trip and no
 * explicit transaction: a single statement is atomic on its own.
 *
 * PostgreSQL still decides who wins: the claim is an INSERT … ON CONFLICT DO NOTHING that
 * takes the lowest booking number in 1..maxBookingsPerStudent still free, so the partial unique
 * indexes (one confirmed booking per slot; each booking number once per student and event)
 * and the exclusion constraint (no overlapping interviews) turn every losing racer into "no
 * row" instead of an error (see the InitialSchema migration).
 *
 * The diagnosis sees what was committed before the statement started. A competitor that
 * committed while this statement waited for it is not visible yet: the verdict is then NULL
 * and the caller runs the statement again (a new snapshot); on the last attempt
 * (`$4 = true`) an unexplained loss is reported as SLOT_TAKEN.
 *
 * Parameters: $1 slot id, $2 student id, $3 the caller is staff (no booking window, sees
 * draft events), $4 last attempt. With an Idempotency-Key also: $5 principal id, $6 key,
 * $7 request hash, $8 HTTP status per verdict (jsonb), $9 key lifetime in hours.
 *
 * Columns: `verdict` ('booked', a refusal named in booking-claim.ts, or NULL: run again),
 * `response` (what the answer is rendered from, and what the key stores), and with a key the
 * stored answer of an earlier request with the same key (`prior_*`, NULL when none).
 */
const READS_AND_CLAIM = `
  s AS (SELECT id, event_id, volunteer_id, starts_at, ends_at FROM slots WHERE id = $1),
  e AS (SELECT id, name, timezone, status, booking_opens_at, booking_closes_at, max_bookings_per_student,
                min_gap_minutes, booking_cutoff_minutes
          FROM events WHERE id = (SELECT event_id FROM s)),
  -- A deleted student (issue 13: their account is closed, their data being erased) books nothing.
  -- The key-share lock (the one the booking's foreign key takes anyway) orders the claim against
  -- a deletion, which locks the row FOR UPDATE: a deletion under way makes the claim wait and
  -- then see the account closed; a claim under way makes the deletion wait, then cancel it.
  st AS (SELECT id, name, email, major, graduation_year FROM students WHERE id = $2 AND deleted_at IS NULL FOR KEY SHARE),
  -- Issue 12: the event's eligibility rules (no row: everyone qualifies).
  el AS (SELECT event_id, majors, graduation_years, email_domains, listed_only FROM event_eligibility WHERE event_id = (SELECT event_id FROM s)),
  v AS (SELECT id, name, organization, organization_id, title FROM volunteers WHERE id = (SELECT volunteer_id FROM s)),
  checked AS (
    SELECT CASE
             WHEN s.id IS NULL THEN 'slot_not_found'
             WHEN e.id IS NULL OR (NOT $3 AND e.status <> 'published') THEN 'event_not_found'
             WHEN e.status <> 'published' THEN 'event_not_open'
             WHEN s.starts_at <= now() THEN 'slot_started'
             WHEN NOT $3 AND now() < e.booking_opens_at THEN 'booking_not_open_yet'
             WHEN NOT $3 AND now() >= e.booking_closes_at THEN 'booking_closed'
             -- Issue 12: students book no more inside the event's cut-off before the slot starts; staff may.
             WHEN NOT $3 AND now() >= s.starts_at - make_interval(mins => e.booking_cutoff_minutes) THEN 'cutoff_passed'
             WHEN st.id IS NULL THEN 'student_not_found'
             -- Issue 12: a student books only events they are eligible for (the rule: ineligible_rule); staff may book anyone.
             WHEN elig.rule IS NOT NULL THEN 'not_eligible'
             -- Issue 12: a student at the no-show strike limit may not book themselves (src/strikes owns the view); staff may.
             WHEN NOT $3 AND EXISTS (SELECT 1 FROM strike_blocks WHERE event_id = e.id AND student_id = $2) THEN 'strike_limit'
             WHEN v.id IS NULL THEN 'volunteer_not_found'
             -- Issue 12: a slot held by a live waitlist offer; its student books it by accepting (src/waitlist).
             WHEN EXISTS (SELECT 1 FROM waitlist_offers o WHERE o.slot_id = s.id AND o.state = 'offered') THEN 'slot_held'
           END AS refusal,
           elig.rule AS ineligible_rule
      FROM (VALUES (1)) AS one(x) LEFT JOIN s ON true LEFT JOIN e ON true LEFT JOIN st ON true LEFT JOIN v ON true LEFT JOIN el ON true
           -- Issue 12: the first eligibility rule a student (not staff) fails, or NULL.
           LEFT JOIN LATERAL (SELECT CASE WHEN NOT $3 AND st.id IS NOT NULL THEN ${ineligibleRuleSql('el', 'st')} END AS rule) AS elig ON true
  ),
  claim AS (
    INSERT INTO bookings (event_id, slot_id, volunteer_id, student_id, starts_at, ends_at, booking_number)
    SELECT s.event_id, s.id, s.volunteer_id, $2, s.starts_at, s.ends_at, n
      FROM checked, s, e, generate_series(1, e.max_bookings_per_student::int) AS n
     WHERE checked.refusal IS NULL
       -- A slot already taken in this snapshot (most of a rush) is not tried: an INSERT that
       -- ON CONFLICT drops still runs the BEFORE triggers, their row locks and every arbiter
       -- index (about a sixth of the statement's PostgreSQL CPU). A competitor not yet visible
       -- is still stopped by the unique index; the outcome below names the winner either way.
       AND NOT EXISTS (SELECT 1 FROM bookings t WHERE t.slot_id = s.id AND t.status = 'confirmed')
       AND NOT EXISTS (SELECT 1 FROM bookings b
                        WHERE b.event_id = s.event_id AND b.student_id = $2 AND b.status = 'confirmed' AND b.booking_number = n)
     ORDER BY n
     LIMIT 1
    ON CONFLICT DO NOTHING
    RETURNING id, created_at
  ),
  logged AS (INSERT INTO booking_changes (booking_id, change) SELECT id, 'confirmed' FROM claim),
  outcome AS (
    SELECT CASE
             WHEN checked.refusal IS NOT NULL THEN checked.refusal
             WHEN claim.id IS NOT NULL THEN 'booked'
             WHEN held.id IS NOT NULL THEN 'already_booked'
             WHEN EXISTS (SELECT 1 FROM bookings WHERE slot_id = $1 AND status = 'confirmed') THEN 'slot_taken'
             WHEN (SELECT count(*) FROM bookings WHERE event_id = s.event_id AND student_id = $2 AND status = 'confirmed')
                  >= e.max_bookings_per_student THEN 'booking_limit'
             -- One interview per organization and student (issue 14): the unique index bookings_student_organization_unique.
             WHEN EXISTS (SELECT 1 FROM bookings WHERE event_id = s.event_id AND student_id = $2 AND status = 'confirmed'
                            AND organization_id = v.organization_id) THEN 'organization_booked'
             WHEN EXISTS (SELECT 1 FROM bookings WHERE student_id = $2 AND status = 'confirmed'
                            AND tstzrange(starts_at, ends_at) && tstzrange(s.starts_at, s.ends_at)) THEN 'booking_overlap'
             -- Issue 12: closer than the event's gap to another of the student's interviews in it (the exclusion constraint bookings_student_gap).
             WHEN e.min_gap_minutes > 0 AND EXISTS (SELECT 1 FROM bookings WHERE event_id = s.event_id AND student_id = $2 AND status = 'confirmed'
                            AND tstzrange(starts_at - make_interval(mins => e.min_gap_minutes), ends_at + make_interval(mins => e.min_gap_minutes))
                                && tstzrange(s.starts_at, s.ends_at)) THEN 'booking_too_close'
             WHEN $4 THEN 'slot_taken'
           END AS verdict,
           CASE
             WHEN claim.id IS NOT NULL THEN jsonb_build_object('booking', jsonb_build_object(
               'id', claim.id, 'eventId', e.id, 'eventName', e.name, 'timezone', e.timezone, 'slotId', s.id,
               'startsAt', s.starts_at, 'endsAt', s.ends_at, 'createdAt', claim.created_at,
               'volunteer', jsonb_build_object('id', v.id, 'name', v.name, 'organization', v.organization, 'title', v.title),
               'student', jsonb_build_object('id', st.id, 'name', st.name)))
             ELSE jsonb_build_object('maxBookingsPerStudent', e.max_bookings_per_student, 'heldBookingId', held.id)
                  -- Issue 12: what the refusals of eligibility, gap and cut-off name (only when set).
                  || jsonb_strip_nulls(jsonb_build_object('rule', checked.ineligible_rule, 'minGapMinutes', NULLIF(e.min_gap_minutes, 0),
                                                          'cutoffMinutes', NULLIF(e.booking_cutoff_minutes, 0)))
           END AS response
      FROM checked LEFT JOIN claim ON true LEFT JOIN s ON true LEFT JOIN e ON true LEFT JOIN st ON true LEFT JOIN v ON true
           -- The student already holds this very slot: they are told so, not that it is taken.
           LEFT JOIN LATERAL (SELECT id FROM bookings WHERE slot_id = $1 AND student_id = $2 AND status = 'confirmed') AS held ON claim.id IS NULL
  )`;

export const CLAIM = statement(
  'bookings.claim',
  `WITH ${READS_AND_CLAIM}
   SELECT verdict, response FROM outcome`,
  { verdict: 'text?', response: 'jsonb' },
);

/**
 * The same with an Idempotency-Key, still one statement. An unexpired key stored earlier
 * skips the booking and returns its answer. Otherwise the answer is stored under the key by a
 * plain INSERT: when a concurrent request with the same key commits first, that INSERT fails
 * on the primary key and the whole statement, booking included, is undone; the caller then
 * replays the stored answer (booking-claim.ts). A verdict of NULL (run again) stores nothing.
 *
 * A refusal's only write is its key row, and it commits without waiting for the WAL flush
 * (synchronous_commit off for this transaction alone): in a rush most attempts are refusals,
 * and each flush they waited for cost about a quarter of the bookings per second. A booking
 * always commits durably. What this gives up: if PostgreSQL itself crashes within a fraction of
 * a second of a refusal, that refusal's key may be lost, and a retry with the key is then judged
 * afresh instead of replayed (README, "Idempotency-Key").
 */
export const CLAIM_WITH_KEY = statement(
  'bookings.claim-with-key',
  `WITH prior AS (
     SELECT request_hash, status_code, response FROM idempotency_keys
      WHERE principal_id = $5 AND key = $6 AND created_at >= now() - make_interval(hours => $9)
   ),
   ${READS_AND_CLAIM.replace('FROM (VALUES (1)) AS one(x)', 'FROM (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM prior)) AS one(x)')},
   stored AS (
     INSERT INTO idempotency_keys (principal_id, key, request_hash, status_code, response)
     SELECT $5, $6, $7, ($8::jsonb ->> verdict)::smallint, response || jsonb_build_object('verdict', verdict)
       FROM outcome WHERE verdict IS NOT NULL
   )
   SELECT outcome.verdict, COALESCE(outcome.response, '{}'::jsonb) AS response,
          prior.request_hash AS prior_request_hash, prior.status_code AS prior_status_code, prior.response AS prior_response,
          CASE WHEN outcome.verdict <> 'booked' THEN set_config('synchronous_commit', 'off', true) END AS refusal_commit
     FROM (VALUES (1)) AS one(x) LEFT JOIN outcome ON true LEFT JOIN prior ON true`,
  {
    verdict: 'text?',
    response: 'jsonb',
    prior_request_hash: 'bpchar?',
    prior_status_code: 'int2?',
    prior_response: 'jsonb?',
    refusal_commit: 'text?',
  },
);

/** A refusal found before or outside the claim, stored under its key unless one is there. */
export const STORE_REFUSAL = statement(
  'bookings.store-refusal',
  `WITH prior AS (
     SELECT request_hash, status_code, response FROM idempotency_keys
      WHERE principal_id = $1 AND key = $2 AND created_at >= now() - make_interval(hours => $6)
   ), stored AS (
     INSERT INTO idempotency_keys (principal_id, key, request_hash, status_code, response)
     SELECT $1::uuid, $2::varchar, $3::char(64), $4::smallint, $5::jsonb WHERE NOT EXISTS (SELECT 1 FROM prior)
   )
   SELECT prior.request_hash AS prior_request_hash, prior.status_code AS prior_status_code, prior.response AS prior_response
     FROM (VALUES (1)) AS one(x) LEFT JOIN prior ON true`,
  { prior_request_hash: 'bpchar?', prior_status_code: 'int2?', prior_response: 'jsonb?' },
);

/** A key row that blocks a new answer because it expired (the claim ignores those). */
export const DELETE_EXPIRED_KEY = statement(
  'bookings.delete-expired-key',
  `DELETE FROM idempotency_keys WHERE principal_id = $1 AND key = $2 AND created_at < now() - make_interval(hours => $3)`,
  {},
);

/** The answer stored under a key, after a concurrent request with the same key won. */
export const READ_KEY = statement(
  'bookings.read-key',
  `SELECT request_hash, status_code, response, created_at < now() - make_interval(hours => $3) AS expired
     FROM idempotency_keys WHERE principal_id = $1 AND key = $2`,
  { request_hash: 'bpchar', status_code: 'int2', response: 'jsonb', expired: 'bool' },
);
