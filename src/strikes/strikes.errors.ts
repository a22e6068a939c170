import { conflict, notFound, unprocessable } from '../common/errors/domain-error';

export const StrikeErrors = {
  /** The booking claim, preferences and pages: the student is at their limit; staff may still book for them. */
  limit: () =>
    unprocessable(
      'STRIKE_LIMIT',
      'You have reached the limit of no-show and late-cancellation strikes, so you cannot book yourself; ask the career office',
    ),
  strikeNotFound: () => notFound('Strike'),
  alreadyExcused: () => conflict('STRIKE_ALREADY_EXCUSED', 'This strike is already excused'),
  invalidPolicy: (message: string) => unprocessable('INVALID_STRIKE_POLICY', message),
};

/** Constraint → error, for the ledger's own writes. */
export const STRIKE_CONSTRAINTS = {
  strike_entries_one_excuse: StrikeErrors.alreadyExcused,
  strike_entries_student_id_fkey: () => notFound('Student'),
};
