import { Injectable } from '@nestjs/common';
import { IsNull, Raw, Repository } from 'typeorm';
import { escapeLike } from '../common/database/sql';
import { Student } from './entities/student.entity';
import type { StudentRow } from './student-csv';
import { Database, Tx } from '../database/database';

/** 5 parameters a row; 2,000 rows stay far below PostgreSQL's 65,535 bind parameters. */
const UPSERT_CHUNK = 2_000;

@Injectable()
export class StudentsRepository {
  constructor(private readonly db: Database) {}
  private get students(): Repository<Student> {
    return this.db.repository(Student);
  }

  create(fields: Partial<Student>): Promise<Student> {
    return this.students.save(this.students.create(fields));
  }

  findById(id: string): Promise<Student | null> {
    return this.students.findOneBy({ id });
  }

  /** One array parameter, so any number of ids stays below PostgreSQL's 65,535 bind parameters. */
  findByIds(ids: string[]): Promise<Student[]> {
    return ids.length ? this.students.findBy({ id: Raw((column) => `${column} = ANY(:ids::uuid[])`, { ids }) }) : Promise.resolve([]);
  }

  /** A student whose account is open (not deleted). */
  findByEmail(email: string): Promise<Student | null> {
    return this.students.findOneBy({ email, deletedAt: IsNull() });
  }

  /** Open accounts only. */
  page(limit: number, after?: [string, string], search?: string): Promise<Student[]> {
    const query = this.students.createQueryBuilder('s').where('s.deleted_at IS NULL').orderBy('s.name').addOrderBy('s.id').limit(limit);
    if (after) query.andWhere('(s.name, s.id) > (:name, :id)', { name: after[0], id: after[1] });
    if (search) query.andWhere('(s.name ILIKE :q OR s.email ILIKE :q)', { q: `%${escapeLike(search)}%` });
    return query.getMany();
  }

  /** Changes an open account's fields; null when there is none. */
  async update(id: string, fields: Partial<Pick<Student, 'name' | 'email' | 'studentNumber' | 'major' | 'graduationYear'>>): Promise<Student | null> {
    if (Object.keys(fields).length) await this.students.update({ id, deletedAt: IsNull() }, fields);
    return this.students.findOneBy({ id, deletedAt: IsNull() });
  }

  /**
   * Closes the account (issue 13's deletion, first step); false when there is no open one. The
   * row is locked FOR UPDATE, not only updated: that lock waits for a booking claim under way
   * (which holds the row FOR KEY SHARE, src/bookings/booking-claim.sql.ts), so the deletion then
   * sees its booking and cancels it, and a claim that comes later waits and sees the account closed.
   */
  async close(tx: Tx, id: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await tx.query(
      `WITH open AS (SELECT id FROM students WHERE id = $1 AND deleted_at IS NULL FOR UPDATE)
       UPDATE students s SET deleted_at = now() FROM open WHERE s.id = open.id RETURNING s.id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Erases a closed account's personal data, keeping the row its past interviews point at. */
  async erase(id: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.db.query(
      `UPDATE students SET name = 'Deleted student', email = 'deleted-' || id || '@deleted.invalid', student_number = NULL, major = NULL,
              graduation_year = NULL, erased_at = now(), updated_at = now()
        WHERE id = $1 AND deleted_at IS NOT NULL AND erased_at IS NULL RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Inserts or updates by e-mail, all rows in one transaction. */
  upsertAll(rows: StudentRow[]): Promise<{ created: number; updated: number }> {
    return this.db.transaction(async (tx) => {
      let created = 0;
      for (let start = 0; start < rows.length; start += UPSERT_CHUNK) {
        const chunk = rows.slice(start, start + UPSERT_CHUNK);
        const params = chunk.flatMap((r) => [r.name, r.email, r.studentNumber, r.major, r.graduationYear]);
        const values = chunk
          .map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5}::smallint)`)
          .join(', ');
        const result: { inserted: boolean }[] = await tx.query(
          `INSERT INTO students (name, email, student_number, major, graduation_year) VALUES ${values}
           ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, student_number = EXCLUDED.student_number,
             major = EXCLUDED.major, graduation_year = EXCLUDED.graduation_year, updated_at = now()
             WHERE students.deleted_at IS NULL
           RETURNING (xmax = 0) AS inserted`,
          params,
        );
        created += result.filter((r) => r.inserted).length;
      }
      return { created, updated: rows.length - created };
    });
  }
}
