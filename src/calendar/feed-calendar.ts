import { buildFeed, feedUid } from '../invites/ical/invite-calendar';

/** A confirmed booking with what a feed shows of it. */
export interface FeedBooking {
  id: string;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  eventName: string;
  eventLocation: string;
  eventDescription: string;
  eventTimezone: string;
  eventUpdatedAt: Date;
  volunteerName: string;
  volunteerOrganization: string;
  studentName: string;
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
    stamp: new Date(Math.max(b.createdAt.getTime(), b.eventUpdatedAt.getTime())),
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    timezone: b.eventTimezone,
    summary: summaryFor(input.viewer, b),
    location: b.eventLocation,
    description: [
      input.viewer !== 'student' ? `Student: ${b.studentName}` : '',
      input.viewer !== 'volunteer' ? `Interviewer: ${b.volunteerName}${b.volunteerOrganization ? ` (${b.volunteerOrganization})` : ''}` : '',
      b.eventDescription,
    ]
      .filter((line) => line.trim() !== '')
      .join('\n'),
    url: `${input.publicUrl}/api/bookings/me`,
  }));
  const stamp = new Date(Math.max(Date.UTC(2026, 0, 1), ...events.map((e) => e.stamp.getTime())));
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
