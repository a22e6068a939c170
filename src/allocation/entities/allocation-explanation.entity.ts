import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { StudentExplanation } from '../solver';
import { Student } from '../../students/entities/student.entity';
import { AllocationRun } from './allocation-run.entity';

/** Why one student got what they got in one run (issue 14); written with the run's result. */
@Entity('allocation_explanations')
export class AllocationExplanation {
  @PrimaryColumn({ name: 'run_id', type: 'uuid', primaryKeyConstraintName: 'allocation_explanations_pkey' })
  @ForeignKey(() => AllocationRun, { name: 'allocation_explanations_run_id_fkey', onDelete: 'CASCADE' })
  runId: string;

  @PrimaryColumn({ name: 'student_id', type: 'uuid', primaryKeyConstraintName: 'allocation_explanations_pkey' })
  @ForeignKey(() => Student, { name: 'allocation_explanations_student_id_fkey', onDelete: 'CASCADE' })
  studentId: string;

  @Column({ type: 'jsonb' })
  explanation: StudentExplanation;
}
