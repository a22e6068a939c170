import { HttpStatus } from '@nestjs/common';
import { conflict, DomainError, unprocessable } from '../common/errors/domain-error';
import { PlanProblem, planProblem } from './floor-plan-rules';

export const FloorErrors = {
  stale: (current: number) =>
    conflict('FLOOR_PLAN_STALE', 'The floor plan was changed since you loaded it; reload and apply your edit again', {
      currentVersion: current,
    }),
  preconditionFailed: (current: number) =>
    new DomainError(HttpStatus.PRECONDITION_FAILED, 'FLOOR_PLAN_PRECONDITION_FAILED', 'If-Match does not match the current floor plan', {
      currentVersion: current,
    }),
  invalid: (problems: PlanProblem[]) =>
    unprocessable('FLOOR_PLAN_INVALID', `${problems.length} problem(s) in the floor plan; nothing was stored`, {
      problems: problems.slice(0, 1000),
      problemCount: problems.length,
    }),
};

const changedMeanwhile = () => FloorErrors.invalid([planProblem('*', 'changedMeanwhile')]);

/**
 * The plan is checked before it is stored, so these fire only when the event changed while it
 * was saved (an exhibitor or volunteer removed, a concurrent save).
 */
export const FLOOR_CONSTRAINTS = {
  floor_places_exhibitor_id_fkey: changedMeanwhile,
  floor_places_event_label_unique: changedMeanwhile,
  floor_places_exhibitor_unique: changedMeanwhile,
  table_assignments_volunteer_id_fkey: changedMeanwhile,
  table_assignments_volunteer_no_overlap: changedMeanwhile,
  table_assignments_table_no_overlap: changedMeanwhile,
};
