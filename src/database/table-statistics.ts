import { Injectable, Logger } from '@nestjs/common';
import { Database } from './database';

/** Autovacuum's default analyze threshold: 50 rows plus 10 % of the table. */
const BASE_THRESHOLD = 50;
const SCALE_FACTOR = 0.1;

/**
 * Keeps the planner's statistics fresh after bulk writes. PostgreSQL plans from statistics
 * that only ANALYZE (or autovacuum) gathers; autovacuum may be off or not have run between a
 * bulk load and the rush that follows it (a table never analyzed is planned as ten pages, and
 * the slot page then sorts every slot of the event per request). So the features that write
 * many rows at once (imports, slot generation, allocation publishing) report what they wrote
 * after their transaction commits, and the table is analyzed once the rows written since the
 * last ANALYZE pass autovacuum's own threshold. Counted per process; ANALYZE is cheap (a
 * sample of at most 30,000 rows) and never blocks reads or writes.
 */
@Injectable()
export class TableStatistics {
  private readonly logger = new Logger(TableStatistics.name);
  private readonly written = new Map<string, number>();
  private readonly threshold = new Map<string, number>();

  constructor(private readonly db: Database) {}

  /** After a commit that wrote `rows` rows to `table` (a table name from our migrations). */
  async wrote(table: string, rows: number): Promise<void> {
    const total = (this.written.get(table) ?? 0) + rows;
    if (total < (this.threshold.get(table) ?? BASE_THRESHOLD)) {
      this.written.set(table, total);
      return;
    }
    this.written.set(table, 0);
    try {
      await this.db.query(`ANALYZE ${table}`);
      const [row] = await this.db.query<{ reltuples: number }[]>(`SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = $1::regclass`, [table]);
      this.threshold.set(table, BASE_THRESHOLD + SCALE_FACTOR * Math.max(0, row?.reltuples ?? 0));
    } catch (error) {
      // Stale statistics make queries slower, not wrong: the write itself succeeded.
      this.logger.warn({ err: error, table }, 'ANALYZE after a bulk write failed');
    }
  }
}
