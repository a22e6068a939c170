import { isEmail } from 'class-validator';
import { CsvRowError, readCsvTable } from '../common/csv/csv-table';

export const STUDENT_CSV_COLUMNS = ['name', 'email', 'studentNumber', 'major', 'graduationYear'] as const;

export interface StudentRow {
  name: string;
  email: string;
  studentNumber: string | null;
  major: string | null;
  graduationYear: number | null;
}

export type StudentCsvResult = { ok: true; rows: StudentRow[] } | { ok: false; errors: CsvRowError[] };

const MAX_ROWS = 50_000;

/**
 * Parses and checks a whole import file. Pure: returns every bad row with its line, or the
 * clean rows; the caller writes nothing unless the whole file is good.
 */
export function parseStudentCsv(text: string): StudentCsvResult {
  const table = readCsvTable(text, { noun: 'student', maxRows: MAX_ROWS, checkHeader });
  if (!table.ok) return table;
  const rows: StudentRow[] = [];
  const errors: CsvRowError[] = [];
  const firstLineOfEmail = new Map<string, number>();
  for (const { line, cell, problems } of table.rows) {
    const reasons = [...problems];
    const name = cell('name');
    const email = cell('email').toLowerCase();
    const studentNumber = cell('studentNumber');
    const major = cell('major');
    const year = cell('graduationYear');
    if (!name) reasons.push('name is empty');
    if (name.length > 200) reasons.push('name is longer than 200 characters');
    if (!isEmail(email) || email.length > 254) reasons.push('email is not a valid address');
    if (studentNumber.length > 64) reasons.push('studentNumber is longer than 64 characters');
    if (major.length > 200) reasons.push('major is longer than 200 characters');
    const graduationYear = year === '' ? null : Number(year);
    if (graduationYear !== null && !(Number.isInteger(graduationYear) && graduationYear >= 1900 && graduationYear <= 2200)) {
      reasons.push('graduationYear must be a year such as 2027');
    }
    const duplicateOf = firstLineOfEmail.get(email);
    if (email && duplicateOf !== undefined) reasons.push(`email repeats line ${duplicateOf}`);
    else if (email) firstLineOfEmail.set(email, line);
    if (reasons.length) errors.push({ line, reason: reasons.join('; ') });
    else rows.push({ name, email, studentNumber: studentNumber || null, major: major || null, graduationYear });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

function checkHeader(names: string[]): string | undefined {
  const missing = STUDENT_CSV_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(STUDENT_CSV_COLUMNS as readonly string[]).includes(n));
  if (missing.length || unknown.length) {
    return `the header must be ${STUDENT_CSV_COLUMNS.join(',')}` +
      (missing.length ? `; missing: ${missing.join(', ')}` : '') +
      (unknown.length ? `; unknown: ${unknown.join(', ')}` : '');
  }
  return undefined;
}
