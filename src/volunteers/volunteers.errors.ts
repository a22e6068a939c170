import { conflict } from '../common/errors/domain-error';

export const VolunteerErrors = {
  emailTaken: () => conflict('EMAIL_TAKEN', 'A volunteer with this e-mail address already exists'),
};

/** Constraint violations that mean a known refusal (the rest stay unexpected errors). */
export const VOLUNTEER_CONSTRAINTS = {
  volunteers_email_unique: VolunteerErrors.emailTaken,
};
