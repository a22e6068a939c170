import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { csvRequestText } from '../../common/csv/csv-decoding';
import { DomainError, notFound } from '../../common/errors/domain-error';
import type { Translate } from '../../common/i18n/catalogue';
import { PeopleDeletionService } from '../../people/people-deletion.service';
import { CreateStudentDto, UpdateStudentDto } from '../../students/dto/student.dto';
import { StudentsService } from '../../students/students.service';
import { CreateVolunteerDto, UpdateVolunteerDto } from '../../volunteers/dto/volunteer.dto';
import { VolunteersService } from '../../volunteers/volunteers.service';
import { field, FormBody } from '../layout/form';
import { FormErrors, formDto } from '../layout/form-dto';
import type { ImportOutcome, PeopleList, PersonKind, PersonValues } from './people.page';

export const STUDENTS: PersonKind = {
  path: 'students',
  title: 'console.students.title',
  lead: 'console.students.lead',
  add: 'console.students.add',
  deleteText: 'console.students.deleteText',
  import: { hint: 'console.import.hint', done: 'console.import.done' },
  fields: [
    { name: 'name', label: 'console.name', inList: true },
    { name: 'email', label: 'console.email', type: 'email', inList: true },
    { name: 'studentNumber', label: 'console.students.number', inList: true },
    { name: 'major', label: 'console.students.major', inList: true },
    { name: 'graduationYear', label: 'console.students.year', type: 'number', inList: true },
  ],
};

export const VOLUNTEERS: PersonKind = {
  path: 'volunteers',
  title: 'console.volunteers.title',
  lead: 'console.volunteers.lead',
  add: 'console.volunteers.add',
  deleteText: 'console.volunteers.deleteText',
  import: { hint: 'console.import.volunteersHint', done: 'console.import.volunteersDone' },
  fields: [
    { name: 'name', label: 'console.name', inList: true },
    { name: 'email', label: 'console.email', type: 'email', inList: true },
    { name: 'organization', label: 'console.volunteers.organization', inList: true },
    { name: 'title', label: 'console.volunteers.jobTitle', inList: true },
    { name: 'expertise', label: 'console.volunteers.expertise', hint: 'console.volunteers.expertiseHint', inList: true },
  ],
};

type Saved = { ok: true; id: string } | { ok: false; values: PersonValues; errors: FormErrors; status: number };

/**
 * The console's people pages: turns forms into the same DTOs the API validates, and calls the
 * students', volunteers' and deletion services. No rule of its own.
 */
@Injectable()
export class PeoplePagesService {
  constructor(
    private readonly students: StudentsService,
    private readonly volunteers: VolunteersService,
    private readonly deletions: PeopleDeletionService,
  ) {}

  async list(kind: PersonKind, q: string, cursor?: string): Promise<PeopleList> {
    const search = q || undefined;
    if (kind === STUDENTS) {
      const found = await this.students.page(50, cursor, search);
      return { q, nextCursor: found.nextCursor, items: found.items.map((s) => ({ ...studentValues(s), id: s.id })) };
    }
    const found = await this.volunteers.page(50, cursor, search);
    return { q, nextCursor: found.nextCursor, items: found.items.map((v) => ({ ...volunteerValues(v), id: v.id })) };
  }

  async values(kind: PersonKind, id: string, principal: Principal): Promise<PersonValues> {
    if (kind === STUDENTS) {
      const student = await this.students.findOrFail(id);
      if (student.deletedAt) throw notFound('Student');
      return studentValues(student);
    }
    const volunteer = await this.volunteers.getForPrincipal(id, principal);
    return volunteerValues(volunteer);
  }

  /** Adds (no id) or changes a person; field errors come back with the values to show again. */
  async save(kind: PersonKind, id: string | undefined, body: FormBody, t: Translate): Promise<Saved> {
    const values = Object.fromEntries(kind.fields.map((f) => [f.name, field(body, f.name)]));
    const plain: Record<string, unknown> = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' || id));
    if (kind === STUDENTS) {
      plain.graduationYear = values.graduationYear === '' ? undefined : /^\d{1,4}$/.test(values.graduationYear) ? Number(values.graduationYear) : values.graduationYear;
      for (const optional of ['studentNumber', 'major']) if (plain[optional] === '') plain[optional] = undefined;
    } else {
      plain.expertise = values.expertise === '' ? [] : values.expertise.split(',').map((tag) => tag.trim()).filter(Boolean);
    }
    const messages = { email: 'signIn.emailInvalid' as const, expertise: 'console.volunteers.expertiseHint' as const };
    const checked =
      kind === STUDENTS
        ? await formDto(id ? UpdateStudentDto : CreateStudentDto, plain, t, messages)
        : await formDto(id ? UpdateVolunteerDto : CreateVolunteerDto, plain, t, messages);
    if (checked.errors) return { ok: false, values, errors: checked.errors, status: 422 };
    try {
      const dto = checked.dto as CreateStudentDto & CreateVolunteerDto;
      const saved =
        kind === STUDENTS ? await (id ? this.students.update(id, dto) : this.students.create(dto)) : await (id ? this.volunteers.update(id, dto) : this.volunteers.create(dto));
      return { ok: true, id: saved.id };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'EMAIL_TAKEN') return { ok: false, values, errors: { email: t('console.people.emailTaken') }, status: 409 };
      throw error;
    }
  }

  async delete(kind: PersonKind, id: string, principal: Principal): Promise<number> {
    const result = kind === STUDENTS ? await this.deletions.deleteStudent(id) : await this.deletions.deleteVolunteer(id, principal);
    return result.cancelled;
  }

  /** A CSV file through the API's own import (students or volunteers): all or nothing, every bad line listed. */
  async importCsv(kind: PersonKind, file: Buffer | undefined, t: Translate): Promise<ImportOutcome> {
    if (!file || file.length === 0) return { error: t('console.import.noFile') };
    // Decoded as the API decodes an upload: UTF-8, a byte order mark, or Windows-1252 when safe to tell.
    let text: string;
    try {
      text = csvRequestText('text/csv', file);
    } catch (error) {
      if (error instanceof DomainError) return { error: error.message };
      throw error;
    }
    try {
      return { ok: await (kind === STUDENTS ? this.students.importCsv(text) : this.volunteers.importCsv(text)) };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'IMPORT_REJECTED') {
        const details = error.details as { rows: { line: number; reason: string }[]; rowCount: number };
        return { rows: details.rows.slice(0, 200), rowCount: details.rowCount };
      }
      throw error;
    }
  }
}

function studentValues(s: { name: string; email: string; studentNumber: string | null; major: string | null; graduationYear: number | null }): PersonValues {
  return { name: s.name, email: s.email, studentNumber: s.studentNumber ?? '', major: s.major ?? '', graduationYear: s.graduationYear?.toString() ?? '' };
}

function volunteerValues(v: { name: string; email: string; organization: string; title: string; expertise: string[] }): PersonValues {
  return { name: v.name, email: v.email, organization: v.organization, title: v.title, expertise: v.expertise.join(', ') };
}
