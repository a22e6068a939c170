import { Injectable } from '@nestjs/common';
import { notFound } from '../common/errors/domain-error';
import { mapConstraint } from '../common/errors/pg-errors';
import { decodeCursor, encodeCursor } from '../common/http/pagination';
import { TableStatistics } from '../database/table-statistics';
import type { Tx } from '../database/database';
import { CreateStudentDto, StudentImportResult, StudentPage, StudentResponse, UpdateStudentDto } from './dto/student.dto';
import { Student } from './entities/student.entity';
import { parseStudentCsv } from './student-csv';
import { STUDENT_CONSTRAINTS, StudentErrors } from './students.errors';
import { StudentsRepository } from './students.repository';

@Injectable()
export class StudentsService {
  constructor(
    private readonly students: StudentsRepository,
    private readonly statistics: TableStatistics,
  ) {}

  async create(dto: CreateStudentDto): Promise<StudentResponse> {
    try {
      return toStudentResponse(await this.students.create(dto));
    } catch (error) {
      throw mapConstraint(error, STUDENT_CONSTRAINTS) ?? error;
    }
  }

  async page(limit: number, cursor?: string, search?: string): Promise<StudentPage> {
    const rows = await this.students.page(limit + 1, decodeCursor<[string, string]>(cursor, ['text', 'uuid']), search);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(toStudentResponse),
      nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null,
    };
  }

  /** All-or-nothing: any bad row rejects the whole file with every bad row listed. */
  async importCsv(text: string): Promise<StudentImportResult> {
    const parsed = parseStudentCsv(text);
    if (!parsed.ok) throw StudentErrors.importRejected(parsed.errors);
    const counts = await this.students.upsertAll(parsed.rows);
    await this.statistics.wrote('students', parsed.rows.length);
    return { total: parsed.rows.length, ...counts };
  }

  /** Changes an open account (a deleted one is NOT_FOUND); a taken address is EMAIL_TAKEN. */
  async update(id: string, dto: UpdateStudentDto): Promise<StudentResponse> {
    try {
      const student = await this.students.update(id, dto);
      if (!student) throw notFound('Student');
      return toStudentResponse(student);
    } catch (error) {
      throw mapConstraint(error, STUDENT_CONSTRAINTS) ?? error;
    }
  }

  /** For a deletion (issue 13), in its transaction: closes the account; false when none is open. */
  close(tx: Tx, id: string): Promise<boolean> {
    return this.students.close(tx, id);
  }

  /** For a deletion, once the mails that name them are out: erases a closed account's personal data. */
  erase(id: string): Promise<boolean> {
    return this.students.erase(id);
  }

  async findOrFail(id: string): Promise<Student> {
    const student = await this.students.findById(id);
    if (!student) throw notFound('Student');
    return student;
  }

  async get(id: string): Promise<StudentResponse> {
    return toStudentResponse(await this.findOrFail(id));
  }

  findByIds(ids: string[]): Promise<Student[]> {
    return this.students.findByIds(ids);
  }

  findByEmail(email: string): Promise<Student | null> {
    return this.students.findByEmail(email);
  }
}

function toStudentResponse(s: Student): StudentResponse {
  return {
    id: s.id,
    name: s.name,
    email: s.email,
    studentNumber: s.studentNumber,
    major: s.major,
    graduationYear: s.graduationYear,
    createdAt: s.createdAt.toISOString(),
  };
}
