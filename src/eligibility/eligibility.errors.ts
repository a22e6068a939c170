import { unprocessable } from '../common/errors/domain-error';
import type { IneligibleRule } from './eligibility.sql';

const WHY: Record<IneligibleRule, string> = {
  major: 'This event is open only to students of certain majors',
  graduationYear: 'This event is open only to students graduating in certain years',
  emailDomain: 'This event is open only to students with an e-mail address at certain schools',
  list: 'This event is open only to invited students',
};

export const EligibilityErrors = {
  /** 422 with the rule the student fails (machine-readable in details.rule). */
  notEligible: (rule: IneligibleRule) => unprocessable('NOT_ELIGIBLE', WHY[rule] ?? 'You are not eligible for this event', { rule }),
  unknownStudents: () => unprocessable('UNKNOWN_STUDENTS', 'Some of the listed studentIds are not students'),
};
