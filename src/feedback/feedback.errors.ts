import { conflict, unprocessable } from '../common/errors/domain-error';

export const FeedbackErrors = {
  notEnded: () => unprocessable('FEEDBACK_TOO_EARLY', 'Feedback can be given once the interview has ended'),
  locked: () => unprocessable('FEEDBACK_LOCKED', 'Feedback can be changed for 7 days after it was first sent'),
  bookingCancelled: () => conflict('BOOKING_CANCELLED', 'A cancelled interview takes no feedback'),
  invalidScores: (problems: string[]) => unprocessable('INVALID_FEEDBACK', 'Give a score from 1 to 4 for each criterion of the rubric', { problems }),
};

/** The database's own rule for the edit window (migration 1765700000001). */
export const EDIT_WINDOW_CONSTRAINT = 'interview_feedback_edit_window';
