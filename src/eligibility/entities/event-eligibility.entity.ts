import { Check, Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../../events/entities/event.entity';

/**
 * Who may book an event (issue 12): a student must satisfy every rule set here. NULL: no rule
 * of that kind. Constraints mirror migration 1765600000000 by name; schema-drift checks them.
 */
@Entity('event_eligibility')
@Check('event_eligibility_majors_check', 'cardinality(majors) > 0')
@Check('event_eligibility_graduation_years_check', 'cardinality(graduation_years) > 0')
@Check('event_eligibility_email_domains_check', 'cardinality(email_domains) > 0')
export class EventEligibility {
  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'event_eligibility_pkey' })
  @ForeignKey(() => Event, { name: 'event_eligibility_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  /** Compared case-insensitively with the student's major. */
  @Column({ type: 'varchar', length: 200, array: true, nullable: true })
  majors: string[] | null;

  @Column({ name: 'graduation_years', type: 'smallint', array: true, nullable: true })
  graduationYears: number[] | null;

  /** Lower case; a student's address matches its domain or any subdomain of it. */
  @Column({ name: 'email_domains', type: 'varchar', length: 253, array: true, nullable: true })
  emailDomains: string[] | null;

  /** Only the students in event_eligible_students qualify. */
  @Column({ name: 'listed_only', type: 'boolean', default: false })
  listedOnly: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
