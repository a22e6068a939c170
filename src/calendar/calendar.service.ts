import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { notFound } from '../common/errors/domain-error';
import { Environment } from '../config/environment';
import { EventsService } from '../events/events.service';
import { InviteSettings } from '../invites/invite-settings';
import { StudentsService } from '../students/students.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { CalendarRepository, FeedOwner } from './calendar.repository';
import { FEED_TOKEN_PATTERN, hashFeedToken, newFeedToken, sealFeedToken, unsealFeedToken } from './calendar-token';
import { FeedBooking, FeedViewer, renderFeed } from './feed-calendar';

export interface RenderedFeed {
  body: string;
  /** A strong validator of the body (RFC 9110 §8.8.3). */
  etag: string;
}

/** Personal subscription URLs and the feeds behind them. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly repository: CalendarRepository,
    private readonly settings: InviteSettings,
    private readonly env: Environment,
    private readonly events: EventsService,
    private readonly students: StudentsService,
    private readonly volunteers: VolunteersService,
  ) {}

  /** The owner's current feed URL, issuing the first token on first use. */
  async urlFor(owner: FeedOwner): Promise<string> {
    const sealed = await this.repository.findSealedToken(owner);
    const token = sealed ? unsealFeedToken(sealed, this.env.JWT_SECRET) : undefined;
    if (token) return this.urlOf(token);
    if (sealed) return this.rotate(owner); // sealed under a former JWT_SECRET: issue afresh
    const fresh = newFeedToken();
    const stored = await this.repository.insertTokenIfAbsent(owner, hashFeedToken(fresh), sealFeedToken(fresh, this.env.JWT_SECRET));
    return this.urlOf(unsealFeedToken(stored, this.env.JWT_SECRET) ?? fresh);
  }

  /** A new URL; the old one stops working at once. */
  async rotate(owner: FeedOwner): Promise<string> {
    const token = newFeedToken();
    await this.repository.replaceToken(owner, hashFeedToken(token), sealFeedToken(token, this.env.JWT_SECRET));
    return this.urlOf(token);
  }

  async feedByToken(token: string): Promise<RenderedFeed> {
    const owner = FEED_TOKEN_PATTERN.test(token) ? await this.repository.findOwnerByHash(hashFeedToken(token)) : undefined;
    if (!owner) throw notFound('Calendar');
    if (owner.role === 'student') {
      const student = await this.students.findOrFail(owner.id);
      return this.render(`Interviews — ${student.name}`, 'student', await this.repository.findConfirmedBookings({ studentId: owner.id }));
    }
    const volunteer = await this.volunteers.findOrFail(owner.id);
    return this.render(`Interviews — ${volunteer.name}`, 'volunteer', await this.repository.findConfirmedBookings({ volunteerId: owner.id }));
  }

  async eventFeed(eventId: string): Promise<RenderedFeed> {
    const event = await this.events.findOrFail(eventId);
    return this.render(`Interviews — ${event.name}`, 'staff', await this.repository.findConfirmedBookings({ eventId }));
  }

  async volunteerFeed(volunteerId: string): Promise<RenderedFeed> {
    const volunteer = await this.volunteers.findOrFail(volunteerId);
    return this.render(`Interviews — ${volunteer.name}`, 'staff', await this.repository.findConfirmedBookings({ volunteerId }));
  }

  private render(name: string, viewer: FeedViewer, bookings: FeedBooking[]): RenderedFeed {
    const body = renderFeed({ name, viewer, bookings, domain: this.settings.messageIdDomain, publicUrl: this.settings.publicUrl });
    return { body, etag: `"${createHash('sha256').update(body, 'utf8').digest('base64url')}"` };
  }

  private urlOf(token: string): string {
    return `${this.settings.publicUrl}/api/calendar/${token}.ics`;
  }
}
