// The writer lives in common/csv so every CSV export (reports, allocation) defuses formulas the same way.
export { csvField, toCsv } from '../common/csv/csv-writer';

/** A share rounded to 4 places, or null when there is nothing to divide by. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
