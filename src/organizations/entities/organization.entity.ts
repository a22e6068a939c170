import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * An employer (issue 14). Names match case-insensitively through `nameKey` (lower-case name),
 * so "Acme" and "ACME " are one organization. Constraints mirror the migration by name.
 */
@Entity('organizations')
@Unique('organizations_name_key_unique', ['nameKey'])
@Check('organizations_name_check', "name = btrim(name) AND name <> ''")
@Check('organizations_name_key_check', 'name_key = lower(name)')
export class Organization {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'organizations_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'name_key', type: 'varchar', length: 200 })
  nameKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
