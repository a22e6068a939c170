import { RowOf, statement } from '../database/statement';

/**
 * Bookings as responses show them, with the event's name and zone and both parties' names,
 * each list in one prepared statement (/bookings/me is read on every portal page). These join
 * the events, volunteers and students tables read-only: a read model declared in
 * src/database/table-owners.ts.
 */
const VIEW_COLUMNS = {
  id: 'uuid',
  event_id: 'uuid',
  event_name: 'varchar',
  timezone: 'varchar',
  slot_id: 'uuid?',
  starts_at: 'timestamptz',
  ends_at: 'timestamptz',
  status: 'varchar',
  volunteer_id: 'uuid',
  volunteer_name: 'varchar',
  organization: 'varchar',
  title: 'varchar',
  student_id: 'uuid',
  student_name: 'varchar',
  created_at: 'timestamptz',
  cancelled_at: 'timestamptz?',
} as const;
export type BookingViewRow = RowOf<typeof VIEW_COLUMNS>;

const VIEW = `SELECT b.id, b.event_id, e.name AS event_name, e.timezone, b.slot_id, b.starts_at, b.ends_at, b.status,
       v.id AS volunteer_id, v.name AS volunteer_name, v.organization, v.title,
       st.id AS student_id, st.name AS student_name, b.created_at, b.cancelled_at
  FROM bookings b
  JOIN events e ON e.id = b.event_id
  JOIN volunteers v ON v.id = b.volunteer_id
  JOIN students st ON st.id = b.student_id`;
const IN_TIME_ORDER = 'ORDER BY b.starts_at, b.id';

export const VIEWS_OF_STUDENT = statement('bookings.views-of-student', `${VIEW} WHERE b.student_id = $1 ${IN_TIME_ORDER}`, VIEW_COLUMNS);
export const VIEWS_OF_VOLUNTEER = statement('bookings.views-of-volunteer', `${VIEW} WHERE b.volunteer_id = $1 ${IN_TIME_ORDER}`, VIEW_COLUMNS);
export const VIEWS_BY_IDS = statement('bookings.views-by-ids', `${VIEW} WHERE b.id = ANY($1::uuid[]) ${IN_TIME_ORDER}`, VIEW_COLUMNS);
export const VIEWS_OF_EVENT = statement(
  'bookings.views-of-event',
  `${VIEW} WHERE b.event_id = $1 AND ($2::varchar IS NULL OR b.status = $2) ${IN_TIME_ORDER}`,
  VIEW_COLUMNS,
);
