import { HttpStatus } from '@nestjs/common';
import { DomainError, unprocessable } from '../common/errors/domain-error';

export const CheckInErrors = {
  unknownCode: () => new DomainError(HttpStatus.NOT_FOUND, 'CHECK_IN_CODE_UNKNOWN', 'No student has this check-in code'),
  otherEvent: () => unprocessable('CHECK_IN_CODE_OTHER_EVENT', 'This check-in code belongs to another event'),
};
