import { HttpStatus } from '@nestjs/common';
import { conflict, DomainError } from '../common/errors/domain-error';

export const AuthErrors = {
  badCredentials: () => new DomainError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'E-mail or password is wrong'),
  badMagicLink: () =>
    new DomainError(HttpStatus.UNAUTHORIZED, 'INVALID_SIGN_IN_LINK', 'This sign-in link is used, expired or unknown; ask for a new one'),
  emailTaken: () => conflict('EMAIL_TAKEN', 'A staff member with this e-mail address already exists'),
};

/** Constraint violations that mean a known refusal (the rest stay unexpected errors). */
export const STAFF_CONSTRAINTS = {
  staff_email_unique: AuthErrors.emailTaken,
};
