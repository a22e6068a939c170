import { Check, Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../../events/entities/event.entity';

export type PreferenceMode = 'ranked' | 'rated';

/** Preference settings of one event; kept beside the event, not in it, so events stay unaware of allocation. */
@Entity('allocation_settings')
@Check('allocation_settings_preference_choices_check', 'preference_choices BETWEEN 1 AND 20')
@Check('allocation_settings_window_order', 'preferences_close_at > preferences_open_at')
@Check('allocation_settings_preference_mode_check', "preference_mode IN ('ranked', 'rated')")
@Check('allocation_settings_acceptable_rating_check', 'acceptable_rating BETWEEN 1 AND 5')
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

  /** ranked: choices in order, rank = position; rated: each choice rated 1 (very interested) … 5, ties allowed. */
  @Column({ name: 'preference_mode', type: 'varchar', length: 8, default: 'ranked' })
  preferenceMode: PreferenceMode;

  /** Rated mode: a student's interviews are capped at how many choices they rated this or better (null: no cap). */
  @Column({ name: 'acceptable_rating', type: 'smallint', nullable: true })
  acceptableRating: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
