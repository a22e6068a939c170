import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Event } from '../../events/entities/event.entity';

/** Reminder offsets of one event, in minutes before each interview; mirrors 1764100000000. */
@Entity('event_reminder_settings')
@Check('event_reminder_settings_offsets_check', 'cardinality(offsets_minutes) <= 5')
export class EventReminderSettings {
  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'event_reminder_settings_pkey' })
  @ForeignKey(() => Event, { name: 'event_reminder_settings_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @Column({ name: 'offsets_minutes', type: 'integer', array: true })
  offsetsMinutes: number[];
}
