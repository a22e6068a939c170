import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
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

/** An earlier message to the same party of the same booking that is not sent yet. */
const EARLIER_UNSENT = `EXISTS (SELECT 1 FROM outbox_messages p
  WHERE p.booking_id = m.booking_id AND p.recipient_role = m.recipient_role
    AND p.sequence < m.sequence AND p.status <> 'sent')`;

@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Next SEQUENCE of a booking's invites: 0 for the first, then one more each time. */
  async nextSequence(tx: EntityManager, bookingId: string): Promise<number> {
    const [row] = await tx.query(
      `INSERT INTO invite_sequences (booking_id, sequence) VALUES ($1, 0)
       ON CONFLICT (booking_id) DO UPDATE SET sequence = invite_sequences.sequence + 1
       RETURNING sequence`,
      [bookingId],
    );
    return row.sequence as number;
  }

  /** The last message each party of a booking got, to know who holds the invite now. */
  async lastMessageTo(tx: EntityManager, bookingId: string, role: RecipientRole): Promise<{ recipientId: string; method: InviteMethodColumn } | undefined> {
    const [row] = await tx.query(
      `SELECT recipient_id AS "recipientId", method FROM outbox_messages
        WHERE booking_id = $1 AND recipient_role = $2 ORDER BY sequence DESC, created_at DESC LIMIT 1`,
      [bookingId, role],
    );
    return row;
  }

  async insertMessages(tx: EntityManager, messages: NewMessage[], domain: string): Promise<void> {
    if (messages.length === 0) return;
    const ids = messages.map(() => randomUUID());
    // unnest keeps the parameter count at 7 whatever the batch size.
    await tx.query(
      `INSERT INTO outbox_messages (id, booking_id, change_id, recipient_role, recipient_id, method, sequence, stamp, message_id)
       SELECT id, booking_id, change_id, recipient_role, recipient_id, method, sequence, now(), '<invite-' || id || '@' || $7 || '>'
         FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::varchar[], $5::uuid[], $6::varchar[], $8::int[])
           AS t(id, booking_id, change_id, recipient_role, recipient_id, method, sequence)
       ON CONFLICT (change_id, recipient_role, recipient_id) DO NOTHING`,
      [
        ids,
        messages.map((m) => m.bookingId),
        messages.map((m) => m.changeId),
        messages.map((m) => m.recipientRole),
        messages.map((m) => m.recipientId),
        messages.map((m) => m.method),
        domain,
        messages.map((m) => m.sequence),
      ],
    );
  }

  /**
   * Messages to hand to the queue: pending and never (or long ago) enqueued, or stuck in
   * `sending` after a worker died, and only when every earlier message to that party is sent.
   */
  async findDue(limit: number, requeueAfterSeconds: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT m.id FROM outbox_messages m
        WHERE ((m.status = 'pending' AND (m.enqueued_at IS NULL OR m.enqueued_at < now() - make_interval(secs => $2)))
            OR (m.status = 'sending' AND m.updated_at < now() - make_interval(secs => $2)))
          AND NOT ${EARLIER_UNSENT}
        ORDER BY m.created_at, m.sequence
        LIMIT $1`,
      [limit, requeueAfterSeconds],
    );
    return rows.map((r) => r.id);
  }

  async markEnqueued(ids: string[]): Promise<void> {
    if (ids.length) await this.db.query(`UPDATE outbox_messages SET enqueued_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async findById(id: string): Promise<OutboxMessage | undefined> {
    const [row] = await this.db.query(`SELECT ${MESSAGE_COLUMNS} FROM outbox_messages WHERE id = $1`, [id]);
    return row;
  }

  /**
   * Takes a message for sending: only when pending (or left in `sending` by a dead worker)
   * and not overtaking an earlier message to the same party.
   */
  async claimForSending(id: string): Promise<OutboxMessage | undefined> {
    const rows = await this.db.query(
      `UPDATE outbox_messages m SET status = 'sending', attempts = attempts + 1, updated_at = now()
        WHERE m.id = $1 AND m.status IN ('pending', 'sending') AND NOT ${EARLIER_UNSENT}
        RETURNING ${MESSAGE_COLUMNS}`,
      [id],
    );
    return (rows[0] as OutboxMessage[] | undefined)?.[0];
  }

  async markSent(id: string): Promise<void> {
    await this.db.query(
      `UPDATE outbox_messages SET status = 'sent', sent_at = now(), last_error = NULL, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  async markAttemptFailed(id: string, error: string, final: boolean): Promise<void> {
    await this.db.query(
      `UPDATE outbox_messages SET status = $2, last_error = $3, updated_at = now() WHERE id = $1 AND status <> 'sent'`,
      [id, final ? 'failed' : 'pending', error.slice(0, 2000)],
    );
  }

  /** A message to the same party after this one, not sent yet: it waited for this one. */
  async hasLaterUnsent(message: OutboxMessage): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT 1 FROM outbox_messages WHERE booking_id = $1 AND recipient_role = $2 AND sequence > $3 AND status = 'pending' LIMIT 1`,
      [message.bookingId, message.recipientRole, message.sequence],
    );
    return Boolean(row);
  }

  /** A message to the same party before this one: decides "Invitation" or "Updated". */
  async hasEarlierRequest(message: OutboxMessage): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT 1 FROM outbox_messages WHERE booking_id = $1 AND recipient_role = $2 AND recipient_id = $3
          AND method = 'REQUEST' AND sequence < $4 LIMIT 1`,
      [message.bookingId, message.recipientRole, message.recipientId, message.sequence],
    );
    return Boolean(row);
  }

  async list(status: OutboxStatus | undefined, limit: number): Promise<OutboxMessage[]> {
    return this.db.query(
      `SELECT ${MESSAGE_COLUMNS} FROM outbox_messages WHERE ($1::varchar IS NULL OR status = $1)
        ORDER BY created_at DESC, id LIMIT $2`,
      [status ?? null, limit],
    );
  }

  /** Puts a failed message back in line with fresh attempts; false when it is not failed. */
  async resetFailed(id: string): Promise<OutboxMessage | undefined> {
    const rows = await this.db.query(
      `UPDATE outbox_messages SET status = 'pending', attempts = 0, enqueued_at = NULL, updated_at = now()
        WHERE id = $1 AND status = 'failed' RETURNING ${MESSAGE_COLUMNS}`,
      [id],
    );
    return (rows[0] as OutboxMessage[] | undefined)?.[0];
  }
}
