import { conflict } from '../common/errors/domain-error';

export const EventErrors = {
  notDraft: () =>
    conflict('EVENT_NOT_DRAFT', 'Only draft events can be deleted or published; close a published event instead'),
  notClosed: () => conflict('EVENT_NOT_CLOSED', 'Only a closed event can be reopened; publish a draft instead'),
};
