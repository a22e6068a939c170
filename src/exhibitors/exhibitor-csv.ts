import { parse } from 'csv-parse/sync';
import { isEmail, isURL } from 'class-validator';
import type { CsvRowError } from '../students/student-csv';

export const EXHIBITOR_CSV_COLUMNS = ['organization', 'industries', 'roles', 'majors', 'website', 'contactName', 'contactEmail', 'contactPhone'] as const;
/** Cells holding lists separate their items with this; commas already separate columns. */
export const LIST_SEPARATOR = ';';

export interface ExhibitorRow {
  organization: string;
  industries: string[];
  roles: string[];
  majors: string[];
  website: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

export type ExhibitorColumn = (typeof EXHIBITOR_CSV_COLUMNS)[number];

/** `columns` are those in the header: an import leaves the others of existing exhibitors alone. */
export type ExhibitorCsvResult = { ok: true; rows: ExhibitorRow[]; columns: ExhibitorColumn[] } | { ok: false; errors: CsvRowError[] };

const MAX_ROWS = 5_000;

const CSV_SYNTAX_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'text follows a closing quote',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows a closing quote',
  INVALID_OPENING_QUOTE: 'a quote appears inside an unquoted field',
};

/**
 * Parses and checks a whole exhibitor file (optional columns may be left out of the header).
 * Pure: every bad row with its line, or the clean rows; the caller writes all or nothing.
 */
export function parseExhibitorCsv(text: string): ExhibitorCsvResult {
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
  if (body.length === 0) return { ok: false, errors: [{ line: 2, reason: 'the file has no exhibitor rows' }] };
  if (body.length > MAX_ROWS) return { ok: false, errors: [{ line: MAX_ROWS + 2, reason: `at most ${MAX_ROWS} rows per file` }] };

  const index = Object.fromEntries(header.map((name, i) => [name.trim(), i]));
  const rows: ExhibitorRow[] = [];
  const errors: CsvRowError[] = [];
  const firstLineOfName = new Map<string, number>();
  body.forEach((record, i) => {
    const line = i + 2;
    const cell = (name: string) => (index[name] === undefined ? '' : (record[index[name]] ?? '').trim());
    const list = (name: string) => cell(name).split(LIST_SEPARATOR).map((v) => v.trim()).filter(Boolean);
    const reasons: string[] = [];
    if (record.length !== header.length) reasons.push(`expected ${header.length} columns, found ${record.length}`);
    if (record.some((value) => value.includes('\u0000'))) reasons.push('a field contains a NUL character');
    const organization = cell('organization');
    if (!organization) reasons.push('organization is empty');
    if (organization.length > 200) reasons.push('organization is longer than 200 characters');
    const lists = { industries: list('industries'), roles: list('roles'), majors: list('majors') };
    for (const [name, items] of Object.entries(lists)) {
      if (items.length > 30) reasons.push(`${name} has more than 30 items`);
      if (items.some((v) => v.length > 100)) reasons.push(`an item of ${name} is longer than 100 characters`);
    }
    const website = cell('website');
    if (website && (!isURL(website, { protocols: ['http', 'https'], require_protocol: true }) || website.length > 500)) {
      reasons.push('website must be an http(s) address');
    }
    const contactEmail = cell('contactEmail').toLowerCase();
    if (contactEmail && (!isEmail(contactEmail) || contactEmail.length > 254)) reasons.push('contactEmail is not a valid address');
    const contactName = cell('contactName');
    if (contactName.length > 200) reasons.push('contactName is longer than 200 characters');
    const contactPhone = cell('contactPhone');
    if (contactPhone.length > 50) reasons.push('contactPhone is longer than 50 characters');
    const key = organization.toLowerCase();
    const duplicateOf = firstLineOfName.get(key);
    if (organization && duplicateOf !== undefined) reasons.push(`organization repeats line ${duplicateOf}`);
    else if (organization) firstLineOfName.set(key, line);
    if (reasons.length) errors.push({ line, reason: reasons.join('; ') });
    else {
      rows.push({
        organization,
        ...lists,
        website: website || null,
        contactName: contactName || null,
        contactEmail: contactEmail || null,
        contactPhone: contactPhone || null,
      });
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows, columns: header.map((h) => h.trim() as ExhibitorColumn) };
}

function checkHeader(header: string[] | undefined): string | undefined {
  if (!header) return 'the file is empty';
  const names = header.map((h) => h.trim());
  const unknown = names.filter((n) => !(EXHIBITOR_CSV_COLUMNS as readonly string[]).includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (!names.includes('organization') || unknown.length || repeated.length) {
    return `the header needs organization and may have ${EXHIBITOR_CSV_COLUMNS.slice(1).join(',')}` +
      (unknown.length ? `; unknown: ${unknown.join(', ')}` : '') +
      (repeated.length ? `; repeated: ${repeated.join(', ')}` : '');
  }
  return undefined;
}
