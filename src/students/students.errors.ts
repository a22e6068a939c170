import { conflict, unprocessable } from '../common/errors/domain-error';
import type { CsvRowError } from '../common/csv/csv-table';

export const StudentErrors = {
  emailTaken: () => conflict('EMAIL_TAKEN', 'A student with this e-mail address already exists'),
  importRejected: (errors: CsvRowError[]) =>
    unprocessable('IMPORT_REJECTED', `${errors.length} row(s) are not valid; nothing was imported`, {
      rows: errors.slice(0, 1000),
      rowCount: errors.length,
    }),
};

/** Constraint violations that mean a known refusal (the rest stay unexpected errors). */
export const STUDENT_CONSTRAINTS = {
  students_email_unique: StudentErrors.emailTaken,
};
