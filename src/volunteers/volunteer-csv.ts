import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CsvRowError, readCsvTable } from '../common/csv/csv-table';
import { CreateVolunteerDto } from './dto/volunteer.dto';

export const VOLUNTEER_CSV_COLUMNS = ['name', 'email', 'organization', 'title', 'expertise'] as const;

export interface VolunteerRow {
  line: number;
  name: string;
  email: string;
  organization: string;
  title: string;
  /** The `expertise` cell split at `;` (commas already separate columns). */
  expertise: string[];
}

/**
 * A volunteer list (the API's and the console's upload, the operators' CLI): `name,email` and any of `organization,title,expertise`. Pure;
 * each row's values are checked by the API's own DTO before anything is written.
 */
export function parseVolunteerCsv(text: string): { ok: true; rows: VolunteerRow[] } | { ok: false; errors: CsvRowError[] } {
  const table = readCsvTable(text, {
    noun: 'volunteer',
    maxRows: 5_000,
    checkHeader: (columns) => {
      const unknown = columns.filter((c) => !(VOLUNTEER_CSV_COLUMNS as readonly string[]).includes(c));
      if (unknown.length) return `unknown column(s) ${unknown.join(', ')}; the columns are ${VOLUNTEER_CSV_COLUMNS.join(',')}`;
      if (!columns.includes('name') || !columns.includes('email')) return 'the header needs name and email';
      return undefined;
    },
  });
  if (!table.ok) return table;
  const errors: CsvRowError[] = [];
  const rows: VolunteerRow[] = [];
  for (const { line, cell, problems } of table.rows) {
    if (problems.length) errors.push({ line, reason: problems.join('; ') });
    rows.push({
      line,
      name: cell('name'),
      email: cell('email').toLowerCase(),
      organization: cell('organization'),
      title: cell('title'),
      expertise: cell('expertise').split(';').map((t) => t.trim()).filter(Boolean),
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

/**
 * Each parsed row through the API's own DTO (as `POST /volunteers` checks a body), and every
 * address once: the DTOs to write, or every bad line with its reasons.
 */
export async function checkVolunteerRows(rows: VolunteerRow[]): Promise<{ ok: true; dtos: CreateVolunteerDto[] } | { ok: false; errors: CsvRowError[] }> {
  const errors: CsvRowError[] = [];
  const dtos: CreateVolunteerDto[] = [];
  const firstLineOfEmail = new Map<string, number>();
  for (const { line, ...fields } of rows) {
    const dto = plainToInstance(CreateVolunteerDto, fields);
    const problems = (await validate(dto, { whitelist: true, forbidNonWhitelisted: true })).map(
      (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ') || 'is not valid'}`,
    );
    const first = firstLineOfEmail.get(dto.email);
    if (dto.email && first !== undefined) problems.push(`email repeats line ${first}`);
    else if (dto.email) firstLineOfEmail.set(dto.email, line);
    if (problems.length) errors.push({ line, reason: problems.join('; ') });
    else dtos.push(dto);
  }
  return errors.length ? { ok: false, errors } : { ok: true, dtos };
}
