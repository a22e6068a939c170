import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Database, Tx } from '../database/database';
import { statement } from '../database/statement';
import type { InviteMethodColumn, OutboxMessage, OutboxStatus, RecipientRole } from './entities/outbox-message.entity';

export interface NewMessage {
  bookingId: string;
  changeId: string;
  recipientRole: RecipientRole;
  recipientId: string;
  method: InviteMethodColumn;
  sequence: number;
}

const MESSAGE_COLUMNS = `id, booking_id AS "bookingId", change_id AS "changeId", recipient_role AS "recipientRole",
  recipient_id AS "recipientId", method, sequence, stamp, status, attempts, last_error AS "lastError",
  message_id AS "messageId", enqueued_at AS "enqueuedAt", sent_at AS "sentAt", created_at AS "createdAt",
  updated_at AS "updatedAt"`;
const MESSAGE = {
  id: 'uuid',
  bookingId: 'uuid',
  changeId: 'int8',
  recipientRole: 'varchar',
  recipientId: 'uuid',
  method: 'varchar',
  sequence: 'int4',
  stamp: 'timestamptz',
  status: 'varchar',
  attempts: 'int4',
  lastError: 'text?',
  messageId: 'varchar',
  enqueuedAt: 'timestamptz?',
  sentAt: 'timestamptz?',
  createdAt: 'timestamptz',
  updatedAt: 'timestamptz',
} as const;

/** An earlier message to the same party of the same booking that is not sent yet. */
const EARLIER_UNSENT = `EXISTS (SELECT 1 FROM outbox_messages p
  WHERE p.booking_id = m.booking_id AND p.recipient_role = m.recipient_role
    AND p.sequence < m.sequence AND p.status <> 'sent')`;

const NEXT_SEQUENCE = statement(
  'outbox.next-sequence',
  `INSERT INTO invite_sequences (booking_id, sequence) VALUES ($1, 0)
   ON CONFLICT (booking_id) DO UPDATE SET sequence = invite_sequences.sequence + 1
   RETURNING sequence`,
  { sequence: 'int4' },
);
const LAST_MESSAGE_TO = statement(
  'outbox.last-message-to',
  `SELECT recipient_id AS "recipientId", method FROM outbox_messages
    WHERE booking_id = $1 AND recipient_role = $2 ORDER BY sequence DESC, created_at DESC LIMIT 1`,
  { recipientId: 'uuid', method: 'varchar' },
);
const INSERT_MESSAGES = statement(
  'outbox.insert-messages',
  // unnest keeps the parameter count at 8 whatever the batch size.
  `INSERT INTO outbox_messages (id, booking_id, change_id, recipient_role, recipient_id, method, sequence, stamp, message_id)
   SELECT id, booking_id, change_id, recipient_role, recipient_id, method, sequence, now(), '<invite-' || id || '@' || $7 || '>'
     FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::varchar[], $5::uuid[], $6::varchar[], $8::int[])
       AS t(id, booking_id, change_id, recipient_role, recipient_id, method, sequence)
   ON CONFLICT (change_id, recipient_role, recipient_id) DO NOTHING`,
  {},
);
/**
 * Messages to hand to the queue: pending and never (or long ago) enqueued, or stuck in
 * `sending` after a worker died, and only when every earlier message to that party is sent.
 */
const FIND_DUE = statement(
  'outbox.find-due',
  `SELECT m.id FROM outbox_messages m
    WHERE ((m.status = 'pending' AND (m.enqueued_at IS NULL OR m.enqueued_at < now() - make_interval(secs => $2)))
        OR (m.status = 'sending' AND m.updated_at < now() - make_interval(secs => $2)))
      AND NOT ${EARLIER_UNSENT}
    ORDER BY m.created_at, m.sequence
    LIMIT $1`,
  { id: 'uuid' },
);
const MARK_ENQUEUED = statement('outbox.mark-enqueued', `UPDATE outbox_messages SET enqueued_at = now() WHERE id = ANY($1::uuid[])`, {});
const BY_ID = statement('outbox.by-id', `SELECT ${MESSAGE_COLUMNS} FROM outbox_messages WHERE id = $1`, MESSAGE);
/**
 * Takes a message for sending: only when pending (or left in `sending` by a dead worker)
 * and not overtaking an earlier message to the same party.
 */
const CLAIM_FOR_SENDING = statement(
  'outbox.claim-for-sending',
  `UPDATE outbox_messages m SET status = 'sending', attempts = attempts + 1, updated_at = now()
    WHERE m.id = $1 AND m.status IN ('pending', 'sending') AND NOT ${EARLIER_UNSENT}
    RETURNING ${MESSAGE_COLUMNS}`,
  MESSAGE,
);
const MARK_SENT = statement(
  'outbox.mark-sent',
  `UPDATE outbox_messages SET status = 'sent', sent_at = now(), last_error = NULL, updated_at = now() WHERE id = $1`,
  {},
);
const MARK_ATTEMPT_FAILED = statement(
  'outbox.mark-attempt-failed',
  `UPDATE outbox_messages SET status = $2, last_error = $3, updated_at = now() WHERE id = $1 AND status <> 'sent'`,
  {},
);
const HAS_LATER_UNSENT = statement(
  'outbox.has-later-unsent',
  `SELECT EXISTS (SELECT 1 FROM outbox_messages WHERE booking_id = $1 AND recipient_role = $2 AND sequence > $3 AND status = 'pending') AS found`,
  { found: 'bool' },
);
const HAS_EARLIER_REQUEST = statement(
  'outbox.has-earlier-request',
  `SELECT EXISTS (SELECT 1 FROM outbox_messages WHERE booking_id = $1 AND recipient_role = $2 AND recipient_id = $3
                   AND method = 'REQUEST' AND sequence < $4) AS found`,
  { found: 'bool' },
);
const LIST = statement(
  'outbox.list',
  `SELECT ${MESSAGE_COLUMNS} FROM outbox_messages WHERE ($1::varchar IS NULL OR status = $1)
    ORDER BY created_at DESC, id LIMIT $2`,
  MESSAGE,
);
const RESET_FAILED = statement(
  'outbox.reset-failed',
  `UPDATE outbox_messages SET status = 'pending', attempts = 0, enqueued_at = NULL, updated_at = now()
    WHERE id = $1 AND status = 'failed' RETURNING ${MESSAGE_COLUMNS}`,
  MESSAGE,
);

@Injectable()
export class OutboxRepository {
  constructor(private readonly db: Database) {}

  /** Next SEQUENCE of a booking's invites: 0 for the first, then one more each time. */
  async nextSequence(tx: Tx, bookingId: string): Promise<number> {
    const [row] = await this.db.run(NEXT_SEQUENCE, [bookingId], tx);
    return row.sequence;
  }

  /** The last message each party of a booking got, to know who holds the invite now. */
  async lastMessageTo(tx: Tx, bookingId: string, role: RecipientRole): Promise<{ recipientId: string; method: InviteMethodColumn } | undefined> {
    const [row] = await this.db.run(LAST_MESSAGE_TO, [bookingId, role], tx);
    return row && { recipientId: row.recipientId, method: row.method as InviteMethodColumn };
  }

  async insertMessages(tx: Tx, messages: NewMessage[], domain: string): Promise<void> {
    if (messages.length === 0) return;
    await this.db.run(
      INSERT_MESSAGES,
      [
        messages.map(() => randomUUID()),
        messages.map((m) => m.bookingId),
        messages.map((m) => m.changeId),
        messages.map((m) => m.recipientRole),
        messages.map((m) => m.recipientId),
        messages.map((m) => m.method),
        domain,
        messages.map((m) => m.sequence),
      ],
      tx,
    );
  }

  async findDue(limit: number, requeueAfterSeconds: number): Promise<string[]> {
    return (await this.db.run(FIND_DUE, [limit, requeueAfterSeconds])).map((r) => r.id);
  }

  async markEnqueued(ids: string[]): Promise<void> {
    if (ids.length) await this.db.run(MARK_ENQUEUED, [ids]);
  }

  async findById(id: string): Promise<OutboxMessage | undefined> {
    return (await this.db.run(BY_ID, [id]))[0] as OutboxMessage | undefined;
  }

  async claimForSending(id: string): Promise<OutboxMessage | undefined> {
    return (await this.db.run(CLAIM_FOR_SENDING, [id]))[0] as OutboxMessage | undefined;
  }

  async markSent(id: string): Promise<void> {
    await this.db.run(MARK_SENT, [id]);
  }

  async markAttemptFailed(id: string, error: string, final: boolean): Promise<void> {
    await this.db.run(MARK_ATTEMPT_FAILED, [id, final ? 'failed' : 'pending', error.slice(0, 2000)]);
  }

  /** Issue 13: whether any message about these bookings is still to be sent (pending or sending). */
  async anyUnsentFor(bookingIds: string[]): Promise<boolean> {
    if (!bookingIds.length) return false;
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM outbox_messages WHERE booking_id = ANY($1::uuid[]) AND status IN ('pending', 'sending') LIMIT 1`, [bookingIds]);
    return rows.length > 0;
  }

  /** A message to the same party after this one, not sent yet: it waited for this one. */
  async hasLaterUnsent(message: OutboxMessage): Promise<boolean> {
    return (await this.db.run(HAS_LATER_UNSENT, [message.bookingId, message.recipientRole, message.sequence]))[0].found;
  }

  /** A message to the same party before this one: decides "Invitation" or "Updated". */
  async hasEarlierRequest(message: OutboxMessage): Promise<boolean> {
    return (await this.db.run(HAS_EARLIER_REQUEST, [message.bookingId, message.recipientRole, message.recipientId, message.sequence]))[0].found;
  }

  async list(status: OutboxStatus | undefined, limit: number): Promise<OutboxMessage[]> {
    return (await this.db.run(LIST, [status ?? null, limit])) as OutboxMessage[];
  }

  /** Puts a failed message back in line with fresh attempts; undefined when it is not failed. */
  async resetFailed(id: string): Promise<OutboxMessage | undefined> {
    return (await this.db.run(RESET_FAILED, [id]))[0] as OutboxMessage | undefined;
  }
}
