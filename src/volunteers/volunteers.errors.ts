import type { CsvRowError } from '../common/csv/csv-table';
import { conflict, unprocessable } from '../common/errors/domain-error';

export const VolunteerErrors = {
  emailTaken: () => conflict('EMAIL_TAKEN', 'A volunteer with this e-mail address already exists'),
  /** Issue 13: as the students' import, every bad line in details.rows. */
  importRejected: (errors: CsvRowError[]) =>
    unprocessable('IMPORT_REJECTED', `${errors.length} row(s) are not valid; nothing was imported`, {
      rows: errors.slice(0, 1000),
      rowCount: errors.length,
    }),
};

/** Constraint violations that mean a known refusal (the rest stay unexpected errors). */
export const VOLUNTEER_CONSTRAINTS = {
  volunteers_email_unique: VolunteerErrors.emailTaken,
};
