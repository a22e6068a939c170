import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AllocationStats, LeximinLevel, LoadReport, UnplacedStudent } from '../solver';
import { Event } from '../../events/entities/event.entity';

export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** What a completed run keeps of the solver's result besides its assignments. */
export interface StoredRunResult {
  stats: AllocationStats;
  leximin: LeximinLevel[];
  unplaced: UnplacedStudent[];
  /** Minimums of organizations and volunteers: met, or released (issue 14). Absent in older runs. */
  loads?: LoadReport[];
  /** Choices left out because what they name no longer interviews at the event. */
  droppedChoices?: number;
  /** Milliseconds spent reading the snapshot and solving, for operators and the benchmark. */
  timings?: { loadMs: number; solveMs: number };
}

/** Constraints mirror the migration by name; test/e2e/schema-drift checks they agree. */
@Entity('allocation_runs')
@Check('allocation_runs_status_check', "status IN ('queued', 'running', 'completed', 'failed')")
@Check('allocation_runs_progress_check', 'progress BETWEEN 0 AND 100')
@Check('allocation_runs_completed_has_result', "status <> 'completed' OR (result IS NOT NULL AND input_fingerprint IS NOT NULL)")
@Check('allocation_runs_published_completed', "published_at IS NULL OR status = 'completed'")
@Index('allocation_runs_one_active', ['eventId'], { unique: true, where: "status IN ('queued', 'running')" })
@Index('allocation_runs_event_idx', ['eventId', 'createdAt'])
export class AllocationRun {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'allocation_runs_pkey' })
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  @ForeignKey(() => Event, { name: 'allocation_runs_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: RunStatus;

  @Column({ type: 'varchar', length: 100 })
  seed: string;

  @Column({ type: 'smallint', default: 0 })
  progress: number;

  /** SHA-256 of the solver input the run used; publishing compares it with the current state. */
  @Column({ name: 'input_fingerprint', type: 'char', length: 64, nullable: true })
  inputFingerprint: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  algorithm: string | null;

  @Column({ type: 'jsonb', nullable: true })
  result: StoredRunResult | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
