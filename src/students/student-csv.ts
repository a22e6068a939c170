import { parse } from 'csv-parse/sync';
import { isEmail } from 'class-validator';

export const STUDENT_CSV_COLUMNS = ['name', 'email', 'studentNumber', 'major', 'graduationYear'] as const;

export interface StudentRow {
  name: string;
  email: string;
  studentNumber: string | null;
  major: string | null;
  graduationYear: number | null;
}

export interface CsvRowError {
  /** 1-based line in the file; the header is line 1. */
  line: number;
  reason: string;
}

export type StudentCsvResult = { ok: true; rows: StudentRow[] } | { ok: false; errors: CsvRowError[] };

const MAX_ROWS = 50_000;

/** csv-parse's own messages quote the offending cell; ours never echo the file back. */
const CSV_SYNTAX_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'text follows a closing quote',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows a closing quote',
  INVALID_OPENING_QUOTE: 'a quote appears inside an unquoted field',
};

/**
 * Parses and checks a whole import file. Pure: returns every bad row with its line, or the
 * clean rows; the caller writes nothing unless the whole file is good.
 */
export function parseStudentCsv(text: string): StudentCsvResult {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    });
  } catch (error) {
    const { lines, code } = error as { lines?: number; code?: string };
    return { ok: false, errors: [{ line: lines ?? 1, reason: `not valid CSV: ${CSV_SYNTAX_ERRORS[code ?? ''] ?? 'the file cannot be read'}` }] };
  }
  const [header, ...body] = records;
  const headerError = checkHeader(header);
  if (headerError) return { ok: false, errors: [{ line: 1, reason: headerError }] };
  if (body.length === 0) return { ok: false, errors: [{ line: 2, reason: 'the file has no student rows' }] };
  if (body.length > MAX_ROWS) return { ok: false, errors: [{ line: MAX_ROWS + 2, reason: `at most ${MAX_ROWS} rows per file` }] };

  const index = Object.fromEntries(header.map((name, i) => [name.trim(), i]));
  const rows: StudentRow[] = [];
  const errors: CsvRowError[] = [];
  const firstLineOfEmail = new Map<string, number>();
  body.forEach((record, i) => {
    const line = i + 2;
    const cell = (name: string) => (record[index[name]] ?? '').trim();
    const reasons = [];
    if (record.length !== header.length) reasons.push(`expected ${header.length} columns, found ${record.length}`);
    // PostgreSQL text cannot hold NUL.
    if (record.some((value) => value.includes('\u0000'))) reasons.push('a field contains a NUL character');
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
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

function checkHeader(header: string[] | undefined): string | undefined {
  if (!header) return 'the file is empty';
  const names = header.map((h) => h.trim());
  const missing = STUDENT_CSV_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(STUDENT_CSV_COLUMNS as readonly string[]).includes(n));
  if (missing.length || unknown.length) {
    return `the header must be ${STUDENT_CSV_COLUMNS.join(',')}` +
      (missing.length ? `; missing: ${missing.join(', ')}` : '') +
      (unknown.length ? `; unknown: ${unknown.join(', ')}` : '');
  }
  return undefined;
}
