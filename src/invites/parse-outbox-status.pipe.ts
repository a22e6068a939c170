import { Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '../common/errors/domain-error';
import { OUTBOX_STATUSES, OutboxStatus } from './entities/outbox-message.entity';

@Injectable()
export class ParseOutboxStatusPipe implements PipeTransform<unknown, OutboxStatus | undefined> {
  transform(value: unknown) {
    if (value === undefined || (OUTBOX_STATUSES as readonly unknown[]).includes(value)) return value as OutboxStatus | undefined;
    throw new ValidationFailedError([{ field: 'status', message: `status must be one of ${OUTBOX_STATUSES.join(', ')}` }]);
  }
}
