import { Injectable } from '@nestjs/common';
import { Raw, Repository } from 'typeorm';
import { escapeLike } from '../common/database/sql';
import { Student } from './entities/student.entity';
import type { StudentRow } from './student-csv';
import { Database } from '../database/database';

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

  findByEmail(email: string): Promise<Student | null> {
    return this.students.findOneBy({ email });
  }

  page(limit: number, after?: [string, string], search?: string): Promise<Student[]> {
    const query = this.students.createQueryBuilder('s').orderBy('s.name').addOrderBy('s.id').limit(limit);
    if (after) query.andWhere('(s.name, s.id) > (:name, :id)', { name: after[0], id: after[1] });
    if (search) query.andWhere('(s.name ILIKE :q OR s.email ILIKE :q)', { q: `%${escapeLike(search)}%` });
    return query.getMany();
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
           RETURNING (xmax = 0) AS inserted`,
          params,
        );
        created += result.filter((r) => r.inserted).length;
      }
      return { created, updated: rows.length - created };
    });
  }
}
