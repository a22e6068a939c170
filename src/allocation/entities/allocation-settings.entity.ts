import { Check, Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../../events/entities/event.entity';

/** Preference settings of one event; kept beside the event, not in it, so events stay unaware of allocation. */
@Entity('allocation_settings')
@Check('allocation_settings_preference_choices_check', 'preference_choices BETWEEN 1 AND 20')
@Check('allocation_settings_window_order', 'preferences_close_at > preferences_open_at')
export class AllocationSettings {
  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'allocation_settings_pkey' })
  @ForeignKey(() => Event, { name: 'allocation_settings_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @Column({ name: 'preferences_open_at', type: 'timestamptz', nullable: true })
  preferencesOpenAt: Date | null;

  @Column({ name: 'preferences_close_at', type: 'timestamptz', nullable: true })
  preferencesCloseAt: Date | null;

  @Column({ name: 'preference_choices', type: 'smallint', default: 5 })
  preferenceChoices: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
