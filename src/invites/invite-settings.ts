import { Injectable } from '@nestjs/common';
import { Environment } from '../config/environment';
import type { Mailbox } from './ical/invite-calendar';

/** Invite configuration derived once from the environment. */
@Injectable()
export class InviteSettings {
  readonly organizer: Mailbox;
  /** Right-hand side of UIDs and Message-IDs: the organizer's mail domain. */
  readonly messageIdDomain: string;
  readonly publicUrl: string;
  readonly relayIntervalMs: number;
  /** The office's name (BRAND_NAME), which signs every invite and reminder. */
  readonly brandName: string;
  /** A message or reminder handed to Redis this long ago and still pending is handed over again (Redis may have lost it). */
  readonly requeueAfterSeconds: number;

  constructor(env: Environment) {
    const from = parseMailbox(env.MAIL_FROM);
    this.organizer = env.INVITE_ORGANIZER ? { name: from.name, email: env.INVITE_ORGANIZER } : from;
    this.messageIdDomain = this.organizer.email.split('@')[1] ?? 'fairgrid.invalid';
    this.publicUrl = env.PUBLIC_URL.replace(/\/$/, '');
    this.relayIntervalMs = env.INVITE_RELAY_INTERVAL_MS;
    this.brandName = env.BRAND_NAME;
    this.requeueAfterSeconds = env.QUEUE_RECOVERY_SECONDS;
  }

  /** The event's own organizer when it names one, else the configured one. */
  organizerOf(event: { organizerName: string; organizerEmail: string }): Mailbox {
    if (!event.organizerEmail) return this.organizer;
    return { name: event.organizerName || this.organizer.name, email: event.organizerEmail };
  }
}

/** `Name <a@b>` or a bare address, as MAIL_FROM allows. */
export function parseMailbox(text: string): Mailbox {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(text);
  if (match) return { name: match[1].trim() || match[2].trim(), email: match[2].trim() };
  return { name: text.trim(), email: text.trim() };
}
