import { parse } from 'csv-parse/sync';

export interface CsvRowError {
  /** 1-based line in the file; the header is line 1. */
  line: number;
  reason: string;
}

export interface CsvRow {
  line: number;
  /** The trimmed cell under a header name; '' when the column is absent. */
  cell(name: string): string;
  /** What is wrong with the row as a row (column count, NUL characters), before its values. */
  problems: string[];
}

export type CsvTable = { ok: true; columns: string[]; rows: CsvRow[] } | { ok: false; errors: CsvRowError[] };

export interface CsvTableOptions {
  /** What one row is, for messages: "student", "exhibitor". */
  noun: string;
  maxRows: number;
  /** Returns why the header is not acceptable, or undefined. */
  checkHeader(columns: string[]): string | undefined;
}

/** csv-parse's own messages quote the offending cell; ours never echo the file back. */
const CSV_SYNTAX_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'text follows a closing quote',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows a closing quote',
  INVALID_OPENING_QUOTE: 'a quote appears inside an unquoted field',
};

/**
 * Reads an import file with a header row into rows addressed by column name. Pure; the
 * importers check the values and report every bad row, all or nothing.
 */
export function readCsvTable(text: string, options: CsvTableOptions): CsvTable {
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
  if (!header) return { ok: false, errors: [{ line: 1, reason: 'the file is empty' }] };
  const columns = header.map((h) => h.trim());
  const headerError = options.checkHeader(columns);
  if (headerError) return { ok: false, errors: [{ line: 1, reason: headerError }] };
  if (body.length === 0) return { ok: false, errors: [{ line: 2, reason: `the file has no ${options.noun} rows` }] };
  if (body.length > options.maxRows) {
    return { ok: false, errors: [{ line: options.maxRows + 2, reason: `at most ${options.maxRows} rows per file` }] };
  }
  const index = new Map(columns.map((name, i) => [name, i]));
  const rows = body.map((record, i): CsvRow => {
    const problems: string[] = [];
    if (record.length !== columns.length) problems.push(`expected ${columns.length} columns, found ${record.length}`);
    // PostgreSQL text cannot hold NUL.
    if (record.some((value) => value.includes('\u0000'))) problems.push('a field contains a NUL character');
    return {
      line: i + 2,
      cell: (name) => {
        const at = index.get(name);
        return at === undefined ? '' : (record[at] ?? '').trim();
      },
      problems,
    };
  });
  return { ok: true, columns, rows };
}
