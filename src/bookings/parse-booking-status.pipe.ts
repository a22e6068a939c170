import { Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '../common/errors/domain-error';

@Injectable()
export class ParseBookingStatusPipe implements PipeTransform<unknown, 'confirmed' | 'cancelled' | undefined> {
  transform(value: unknown) {
    if (value === undefined || value === 'confirmed' || value === 'cancelled') return value;
    throw new ValidationFailedError([{ field: 'status', message: 'status must be confirmed or cancelled' }]);
  }
}
