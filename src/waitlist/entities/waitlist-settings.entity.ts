import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Event } from '../../events/entities/event.entity';

/** How long an offer of this event holds its slot (default 2 hours); mirrors 1765650000000. */
@Entity('waitlist_settings')
@Check('waitlist_settings_hold_check', 'offer_hold_seconds BETWEEN 1 AND 604800')
export class WaitlistSettings {
  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'waitlist_settings_pkey' })
  @ForeignKey(() => Event, { name: 'waitlist_settings_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @Column({ name: 'offer_hold_seconds', type: 'integer', default: 7200 })
  offerHoldSeconds: number;
}
