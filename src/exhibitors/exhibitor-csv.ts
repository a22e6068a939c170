import { isEmail, isURL } from 'class-validator';
import { CsvRowError, readCsvTable } from '../common/csv/csv-table';

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

/**
 * Parses and checks a whole exhibitor file (optional columns may be left out of the header).
 * Pure: every bad row with its line, or the clean rows; the caller writes all or nothing.
 */
export function parseExhibitorCsv(text: string): ExhibitorCsvResult {
  const table = readCsvTable(text, { noun: 'exhibitor', maxRows: MAX_ROWS, checkHeader });
  if (!table.ok) return table;
  const rows: ExhibitorRow[] = [];
  const errors: CsvRowError[] = [];
  const firstLineOfName = new Map<string, number>();
  for (const { line, cell, problems } of table.rows) {
    const list = (name: string) => cell(name).split(LIST_SEPARATOR).map((v) => v.trim()).filter(Boolean);
    const reasons = [...problems];
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
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows, columns: table.columns as ExhibitorColumn[] };
}

function checkHeader(names: string[]): string | undefined {
  const unknown = names.filter((n) => !(EXHIBITOR_CSV_COLUMNS as readonly string[]).includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (!names.includes('organization') || unknown.length || repeated.length) {
    return `the header needs organization and may have ${EXHIBITOR_CSV_COLUMNS.slice(1).join(',')}` +
      (unknown.length ? `; unknown: ${unknown.join(', ')}` : '') +
      (repeated.length ? `; repeated: ${repeated.join(', ')}` : '');
  }
  return undefined;
}
