import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/** Constraints mirror the migrations by name; test/e2e/schema-drift checks they agree. */
@Entity('students')
@Unique('students_email_unique', ['email'])
@Check('students_erased_after_deleted', 'erased_at IS NULL OR deleted_at IS NOT NULL')
@Check('students_email_check', 'email = lower(email)')
@Check('students_graduation_year_check', 'graduation_year BETWEEN 1900 AND 2200')
// An expression index, ON students (lower(name)): TypeORM cannot describe one, so it only
// records the name and leaves the index (created by the migration) alone.
@Index('students_name_idx', { synchronize: false })
export class Student {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'students_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'student_number', type: 'varchar', length: 64, nullable: true })
  studentNumber: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  major: string | null;

  @Column({ name: 'graduation_year', type: 'smallint', nullable: true })
  graduationYear: number | null;

  /** Issue 13: set when staff delete the person: the account is closed (no sign-in, in no list). */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  /** Set once the name and address are erased, after the cancellation mails that needed them. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
