import { CsvRowError, readCsvTable } from '../common/csv/csv-table';

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
 * An operator's volunteer list: `name,email` and any of `organization,title,expertise`. Pure;
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
