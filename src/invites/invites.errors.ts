import { unprocessable } from '../common/errors/domain-error';

export const InviteErrors = {
  notFailed: () => unprocessable('OUTBOX_NOT_FAILED', 'Only a failed message can be retried'),
};
