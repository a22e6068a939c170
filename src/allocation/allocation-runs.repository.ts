import { Injectable } from '@nestjs/common';
import { IsNull, Not, Repository } from 'typeorm';
import type { AllocationAssignment, AllocationStats, StudentExplanation } from './solver';
import { AllocationAssignmentRow } from './entities/allocation-assignment.entity';
import { AllocationExplanation } from './entities/allocation-explanation.entity';
import { AllocationRun, StoredRunResult } from './entities/allocation-run.entity';
import { Database, Tx } from '../database/database';

/** A run as listed: the row without the unplaced students, leximin levels and timings. */
export type RunSummaryRow = Pick<
  AllocationRun,
  'id' | 'eventId' | 'status' | 'seed' | 'progress' | 'algorithm' | 'error' | 'createdAt' | 'startedAt' | 'finishedAt' | 'publishedAt'
> & { stats: AllocationStats | null };

/** 7 parameters a row; chunks stay far below PostgreSQL's 65,535 bind parameters. */
const INSERT_CHUNK = 5_000;
/** Explanations go as two array parameters per chunk; chunks keep one statement's payload modest. */
const EXPLANATION_CHUNK = 2_000;

@Injectable()
export class AllocationRunsRepository {
  constructor(private readonly db: Database) {}

  private get runs(): Repository<AllocationRun> {
    return this.db.repository(AllocationRun);
  }

  private get assignments(): Repository<AllocationAssignmentRow> {
    return this.db.repository(AllocationAssignmentRow);
  }

  private get explanations(): Repository<AllocationExplanation> {
    return this.db.repository(AllocationExplanation);
  }

  /** Fails with a unique violation on allocation_runs_one_active while another run is queued or running. */
  insertQueued(eventId: string, seed: string, tx?: Tx): Promise<AllocationRun> {
    const runs = tx?.getRepository(AllocationRun) ?? this.runs;
    return runs.save(runs.create({ eventId, seed, status: 'queued', progress: 0 }));
  }

  findById(id: string, tx?: Tx): Promise<AllocationRun | null> {
    return (tx?.getRepository(AllocationRun) ?? this.runs).findOneBy({ id });
  }

  /**
   * An event's runs, newest first, one keyset page, without the heavy parts of `result`
   * (only its stats leave the database). created_at is cut to milliseconds in the order and in
   * the comparison because the cursor carries a JavaScript Date; an event has few runs, so
   * giving up the index order costs nothing.
   */
  pageForEvent(eventId: string, limit: number, after?: [string, string]): Promise<RunSummaryRow[]> {
    return this.runs.query(
      `SELECT id, event_id AS "eventId", status, seed, progress, algorithm, result -> 'stats' AS stats, error,
              created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt", published_at AS "publishedAt"
         FROM allocation_runs
        WHERE event_id = $1
          AND ($3::timestamptz IS NULL OR (date_trunc('milliseconds', created_at), id) < ($3::timestamptz, $4::uuid))
        ORDER BY date_trunc('milliseconds', created_at) DESC, id DESC
        LIMIT $2`,
      [eventId, limit, after?.[0] ?? null, after?.[1] ?? null],
    );
  }

  lockById(tx: Tx, id: string): Promise<AllocationRun | null> {
    return tx.getRepository(AllocationRun).createQueryBuilder('r').where('r.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** queued (or running, when a stalled job is picked up again) → running, progress back to 0. */
  async markRunning(id: string): Promise<boolean> {
    const result = await this.runs
      .createQueryBuilder()
      .update()
      .set({ status: 'running', progress: 0, startedAt: () => 'now()' })
      .where(`id = :id AND status IN ('queued', 'running')`, { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async setFingerprint(id: string, inputFingerprint: string): Promise<void> {
    await this.runs.update({ id, status: 'running' }, { inputFingerprint });
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.runs.update({ id, status: 'running' }, { progress });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.runs
      .createQueryBuilder()
      .update()
      .set({ status: 'failed', error, finishedAt: () => 'now()' })
      .where(`id = :id AND status IN ('queued', 'running')`, { id })
      .execute();
  }

  /**
   * Stores the assignments and completes the run in one transaction. A re-run after a crash
   * first removes what an earlier attempt may have left (it never committed, but be exact).
   */
  async complete(
    id: string,
    fingerprint: string,
    algorithm: string,
    result: StoredRunResult,
    assignments: AllocationAssignment[],
    explanations: StudentExplanation[] = [],
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const run = await this.lockById(tx, id);
      if (!run || run.status !== 'running') return false;
      await tx.getRepository(AllocationAssignmentRow).delete({ runId: id });
      await tx.getRepository(AllocationExplanation).delete({ runId: id });
      for (let start = 0; start < explanations.length; start += EXPLANATION_CHUNK) {
        const chunk = explanations.slice(start, start + EXPLANATION_CHUNK);
        // Two array parameters per chunk; a student deleted since the snapshot is skipped.
        await tx.query(
          `INSERT INTO allocation_explanations (run_id, student_id, explanation)
           SELECT $1, x.student_id, x.explanation
             FROM unnest($2::uuid[], $3::jsonb[]) AS x(student_id, explanation)
            WHERE EXISTS (SELECT 1 FROM students s WHERE s.id = x.student_id)`,
          [id, chunk.map((e) => e.studentId), chunk.map((e) => JSON.stringify(e))],
        );
      }
      for (let start = 0; start < assignments.length; start += INSERT_CHUNK) {
        await tx.getRepository(AllocationAssignmentRow).insert(
          assignments.slice(start, start + INSERT_CHUNK).map((a) => ({
            runId: id,
            slotId: a.slotId,
            studentId: a.studentId,
            volunteerId: a.volunteerId,
            startsAt: new Date(a.startsAt),
            endsAt: new Date(a.endsAt),
            rank: a.rank,
          })),
        );
      }
      await tx.getRepository(AllocationRun).update(
        { id },
        { status: 'completed', progress: 100, inputFingerprint: fingerprint, algorithm, result, error: null, finishedAt: new Date() },
      );
      return true;
    });
  }

  findExplanation(runId: string, studentId: string): Promise<AllocationExplanation | null> {
    return this.explanations.findOneBy({ runId, studentId });
  }

  /** The event's latest published run, if any. */
  findLatestPublished(eventId: string): Promise<AllocationRun | null> {
    return this.runs.findOne({ where: { eventId, publishedAt: Not(IsNull()) }, order: { publishedAt: 'DESC' } });
  }

  /** Keyset page in (starts_at, slot_id) order. */
  findAssignmentsPage(runId: string, limit: number, after?: [string, string]): Promise<AllocationAssignmentRow[]> {
    const q = this.assignments
      .createQueryBuilder('a')
      .where('a.run_id = :runId', { runId })
      .orderBy('a.starts_at', 'ASC')
      .addOrderBy('a.slot_id', 'ASC')
      .limit(limit);
    if (after) q.andWhere('(a.starts_at, a.slot_id) > (:at::timestamptz, :slot::uuid)', { at: after[0], slot: after[1] });
    return q.getMany();
  }

  findAllAssignments(runId: string, tx?: Tx): Promise<AllocationAssignmentRow[]> {
    return (tx?.getRepository(AllocationAssignmentRow) ?? this.assignments).find({
      where: { runId },
      order: { startsAt: 'ASC', slotId: 'ASC' },
    });
  }

  async countPublished(runId: string, tx?: Tx): Promise<number> {
    const repo = tx?.getRepository(AllocationAssignmentRow) ?? this.assignments;
    return repo.createQueryBuilder('a').where('a.run_id = :runId AND a.booking_id IS NOT NULL', { runId }).getCount();
  }

  /** Links each assignment to its booking and marks the run published. */
  async markPublished(tx: Tx, runId: string, bookings: { slotId: string; bookingId: string }[]): Promise<Date> {
    if (bookings.length) {
      await tx.query(
        `UPDATE allocation_assignments a SET booking_id = x.booking_id
           FROM unnest($2::uuid[], $3::uuid[]) AS x(slot_id, booking_id)
          WHERE a.run_id = $1 AND a.slot_id = x.slot_id`,
        [runId, bookings.map((b) => b.slotId), bookings.map((b) => b.bookingId)],
      );
    }
    const publishedAt = new Date();
    await tx.getRepository(AllocationRun).update({ id: runId }, { publishedAt });
    return publishedAt;
  }
}
