import { interviewUrl } from '../common/http/page-links';
import { buildFeed, feedUid } from '../invites/ical/invite-calendar';

/** A confirmed booking as stored, with what a feed shows of it. */
export interface StoredFeedBooking {
  id: string;
  eventId: string;
  volunteerId: string;
  startsAt: Date;
  endsAt: Date;
  /** The latest change to the booking or its event. */
  changedAt: Date;
  eventName: string;
  eventLocation: string;
  eventDescription: string;
  eventTimezone: string;
  volunteerName: string;
  volunteerOrganization: string;
  studentName: string;
}

/** …and where it takes place: the venue, with the table once the floor plan places the volunteer. */
export interface FeedBooking extends StoredFeedBooking {
  location: string;
}

export type FeedViewer = 'student' | 'volunteer' | 'staff';

/** Clients are asked to refresh hourly (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const FEED_REFRESH_SECONDS = 3600;

/**
 * A METHOD:PUBLISH feed. Every value comes from the stored rows (DTSTAMP is the latest change
 * of booking or event, not the request time), so the same data gives the same bytes and ETag.
 */
export function renderFeed(input: { name: string; viewer: FeedViewer; bookings: FeedBooking[]; domain: string; publicUrl: string }): string {
  const events = input.bookings.map((b) => ({
    uid: feedUid(b.id, input.domain),
    stamp: b.changedAt,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    timezone: b.eventTimezone,
    summary: summaryFor(input.viewer, b),
    location: b.location,
    description: [
      input.viewer !== 'student' ? `Student: ${b.studentName}` : '',
      input.viewer !== 'volunteer' ? `Interviewer: ${b.volunteerName}${b.volunteerOrganization ? ` (${b.volunteerOrganization})` : ''}` : '',
      b.eventDescription,
    ]
      .filter((line) => line.trim() !== '')
      .join('\n'),
    // The interview's own page (src/web/interviews), for its student and volunteer.
    url: interviewUrl(input.publicUrl, b.id),
  }));
  const stamp = new Date(events.reduce((latest, e) => Math.max(latest, e.stamp.getTime()), Date.UTC(2026, 0, 1)));
  return buildFeed({ name: input.name, refreshSeconds: FEED_REFRESH_SECONDS, stamp, events });
}

function summaryFor(viewer: FeedViewer, b: FeedBooking): string {
  switch (viewer) {
    case 'student':
      return `Mock interview with ${b.volunteerName} — ${b.eventName}`;
    case 'volunteer':
      return `Mock interview with ${b.studentName} (student) — ${b.eventName}`;
    case 'staff':
      return `${b.studentName} with ${b.volunteerName} — ${b.eventName}`;
  }
}
