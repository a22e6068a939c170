import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Principal } from '../common/auth/principal';
import { notFound } from '../common/errors/domain-error';
import { Environment } from '../config/environment';
import { EventsService } from '../events/events.service';
import { interviewLocation } from '../floor/floor-location';
import { FloorService } from '../floor/floor.service';
import { InviteSettings } from '../invites/invite-settings';
import { StudentsService } from '../students/students.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { CalendarRepository, FeedKey } from './calendar.repository';
import { FEED_TOKEN_PATTERN, hashFeedToken, newFeedToken, sealFeedToken, unsealFeedToken } from './calendar-token';
import { FeedBooking, FeedViewer, renderFeed, StoredFeedBooking } from './feed-calendar';

export interface RenderedFeed {
  body: string;
  /** A strong validator of the body (RFC 9110 §8.8.3). */
  etag: string;
}

/** What staff subscribe to for the floor team: an event's interviews, or one volunteer's. */
export type StaffFeedTarget = { owner: 'event' | 'volunteer'; id: string };

/** Subscription URLs (personal and staff) and the feeds behind them. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly repository: CalendarRepository,
    private readonly settings: InviteSettings,
    private readonly env: Environment,
    private readonly events: EventsService,
    private readonly students: StudentsService,
    private readonly volunteers: VolunteersService,
    private readonly floor: FloorService,
  ) {}

  /** The feed's current URL, issuing the first token on first use. */
  async urlFor(key: FeedKey): Promise<string> {
    const sealed = await this.repository.findSealedToken(key);
    const token = sealed ? unsealFeedToken(sealed, this.env.JWT_SECRET) : undefined;
    if (token) return this.urlOf(token);
    if (sealed) return this.rotate(key); // sealed under a former JWT_SECRET: issue afresh
    const fresh = newFeedToken();
    const stored = await this.repository.insertTokenIfAbsent(key, hashFeedToken(fresh), sealFeedToken(fresh, this.env.JWT_SECRET));
    return this.urlOf(unsealFeedToken(stored, this.env.JWT_SECRET) ?? fresh);
  }

  /** A new URL; the old one stops working at once. */
  async rotate(key: FeedKey): Promise<string> {
    const token = newFeedToken();
    await this.repository.replaceToken(key, hashFeedToken(token), sealFeedToken(token, this.env.JWT_SECRET));
    return this.urlOf(token);
  }

  /** Staff's URL for an event's or a volunteer's feed (404 when there is no such one). */
  async staffUrl(target: StaffFeedTarget, options: { rotate: boolean }): Promise<string> {
    await (target.owner === 'event' ? this.events.findOrFail(target.id) : this.volunteers.findOrFail(target.id));
    const key: FeedKey = { ...target, audience: 'staff' };
    return options.rotate ? this.rotate(key) : this.urlFor(key);
  }

  async feedByToken(token: string): Promise<RenderedFeed> {
    const key = FEED_TOKEN_PATTERN.test(token) ? await this.repository.findKeyByHash(hashFeedToken(token)) : undefined;
    if (!key) throw notFound('Calendar');
    if (key.owner === 'event') return this.eventFeed(key.id);
    if (key.audience === 'staff') return this.volunteerFeed(key.id);
    // A deleted person's own feed goes with their account: its URL may sit in a shared calendar.
    if (key.owner === 'student') {
      const student = await this.students.findOrFail(key.id);
      if (student.deletedAt) throw notFound('Calendar');
      return this.render(`Interviews — ${student.name}`, 'student', await this.repository.findConfirmedBookings({ studentId: key.id }));
    }
    const volunteer = await this.volunteers.findOrFail(key.id);
    if (volunteer.deletedAt) throw notFound('Calendar');
    return this.render(`Interviews — ${volunteer.name}`, 'volunteer', await this.repository.findConfirmedBookings({ volunteerId: key.id }));
  }

  async eventFeed(eventId: string): Promise<RenderedFeed> {
    const event = await this.events.findOrFail(eventId);
    return this.render(`Interviews — ${event.name}`, 'staff', await this.repository.findConfirmedBookings({ eventId }));
  }

  async volunteerFeed(volunteerId: string): Promise<RenderedFeed> {
    const volunteer = await this.volunteers.findOrFail(volunteerId);
    return this.render(`Interviews — ${volunteer.name}`, 'staff', await this.repository.findConfirmedBookings({ volunteerId }));
  }

  /** One confirmed interview as a calendar file, for its own student or volunteer (else NOT_FOUND). */
  async interviewFile(bookingId: string, principal: Principal): Promise<RenderedFeed> {
    if (principal.role === 'staff') throw notFound('Interview');
    const own = principal.role === 'student' ? { studentId: principal.id } : { volunteerId: principal.id };
    const bookings = await this.repository.findConfirmedBookings({ ...own, bookingId });
    if (!bookings.length) throw notFound('Interview');
    return this.render(bookings[0].eventName, principal.role, bookings);
  }

  private async render(name: string, viewer: FeedViewer, stored: StoredFeedBooking[]): Promise<RenderedFeed> {
    const bookings = await this.withLocations(stored);
    const body = renderFeed({ name, viewer, bookings, domain: this.settings.messageIdDomain, publicUrl: this.settings.publicUrl });
    return { body, etag: `"${createHash('sha256').update(body, 'utf8').digest('base64url')}"` };
  }

  /** The same LOCATION as the e-mailed invite: venue, then the table (one plan read per event). */
  private async withLocations(stored: StoredFeedBooking[]): Promise<FeedBooking[]> {
    const eventIds = [...new Set(stored.map((b) => b.eventId))];
    const locators = new Map(await Promise.all(eventIds.map(async (id) => [id, await this.floor.locator(id)] as const)));
    return stored.map((b) => ({ ...b, location: interviewLocation(b.eventLocation, locators.get(b.eventId)!(b.volunteerId, b.startsAt)) }));
  }

  private urlOf(token: string): string {
    return `${this.settings.publicUrl}/api/calendar/${token}.ics`;
  }
}
