import { conflict, notFound, unprocessable } from '../common/errors/domain-error';
import type { OfferState } from './entities/waitlist-offer.entity';

export const WaitlistErrors = {
  alreadyJoined: () => conflict('WAITLIST_ALREADY_JOINED', 'You are already waiting in this line with the same narrowing'),
  closed: () => unprocessable('WAITLIST_CLOSED', 'Booking for this event has closed; its waitlist is closed too'),
  offerClosed: (state: OfferState) => conflict('OFFER_CLOSED', `This offer is ${state}; it can no longer be answered`, { state }),
};

/** Joining with a narrowing that names nothing, by constraint. */
export const JOIN_CONSTRAINTS = {
  waitlist_entries_waiting_unique: WaitlistErrors.alreadyJoined,
  waitlist_entries_volunteer_id_fkey: () => notFound('Volunteer'),
  waitlist_entries_organization_id_fkey: () => notFound('Organization'),
  waitlist_entries_event_id_fkey: () => notFound('Event'),
};
