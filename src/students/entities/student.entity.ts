import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/** Constraints mirror the migrations by name; test/e2e/schema-drift checks they agree. */
@Entity('students')
@Unique('students_email_unique', ['email'])
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
