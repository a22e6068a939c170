import { conflict } from '../common/errors/domain-error';

export const VolunteerErrors = {
  emailTaken: () => conflict('EMAIL_TAKEN', 'A volunteer with this e-mail address already exists'),
};
