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
