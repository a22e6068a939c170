import { DateTime } from 'luxon';

/**
 * RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled, CRLF
 * between records. A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR)
 * gets a leading apostrophe (OWASP "CSV injection"), since names come from users.
 */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A CSV file people open in a spreadsheet: a UTF-8 byte order mark first, without which Excel
 * reads the file as Windows-1252 and shows "JosÃ©" for "José".
 */
export function toCsvFile(header: string[], rows: (string | number | null)[][]): string {
  return `\uFEFF${toCsv(header, rows)}`;
}

/**
 * An instant as the wall-clock time in `timezone`, "2026-03-10 09:30:00": the form Excel,
 * LibreOffice and Numbers read as a date and time in any locale (ISO 8601's "T" and offset
 * leave it as text). The file says which zone in its documentation: the event's.
 */
export function spreadsheetTime(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant, { zone: timezone }).toFormat('yyyy-MM-dd HH:mm:ss');
}
