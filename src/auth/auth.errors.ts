import { HttpStatus } from '@nestjs/common';
import { conflict, DomainError } from '../common/errors/domain-error';

export const AuthErrors = {
  badCredentials: () => new DomainError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'E-mail or password is wrong'),
  badMagicLink: () =>
    new DomainError(HttpStatus.UNAUTHORIZED, 'INVALID_SIGN_IN_LINK', 'This sign-in link is used, expired or unknown; ask for a new one'),
  badCode: () =>
    new DomainError(HttpStatus.UNAUTHORIZED, 'INVALID_SIGN_IN_CODE', 'This code is wrong, used or expired; check the latest e-mail or ask for a new code'),
  codeLocked: () =>
    new DomainError(
      HttpStatus.TOO_MANY_REQUESTS,
      'SIGN_IN_CODE_LOCKED',
      'Too many wrong codes for this address: use the link in the e-mail, or ask for a new code in an hour',
    ),
  emailTaken: () => conflict('EMAIL_TAKEN', 'A staff member with this e-mail address already exists'),
  lastAdmin: () => conflict('LAST_ADMIN', 'This would leave no admin who can manage staff accounts; make another account admin first'),
};

/** Constraint violations that mean a known refusal (the rest stay unexpected errors). */
export const STAFF_CONSTRAINTS = {
  staff_email_unique: AuthErrors.emailTaken,
};
