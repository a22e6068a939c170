/** Where an event's booking window stands at `now`, for students. */
export type BookingWindow = { state: 'not-open'; opensAt: Date } | { state: 'open'; closesAt: Date } | { state: 'closed' };

export function bookingWindow(event: { status: string; bookingOpensAt: Date; bookingClosesAt: Date }, now: Date): BookingWindow {
  if (event.status !== 'published' || now >= event.bookingClosesAt) return { state: 'closed' };
  if (now < event.bookingOpensAt) return { state: 'not-open', opensAt: event.bookingOpensAt };
  return { state: 'open', closesAt: event.bookingClosesAt };
}
