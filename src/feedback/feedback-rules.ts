import type { RubricCriterion } from './entities/feedback.entity';

/** The rubric of an event that has not set its own. */
export const DEFAULT_RUBRIC: RubricCriterion[] = [
  { key: 'preparation', label: 'Preparation' },
  { key: 'communication', label: 'Communication' },
  { key: 'answers', label: 'Answers' },
];

/** How long after first sending it a volunteer may change their feedback (the database holds the same). */
export const EDIT_WINDOW_MS = 7 * 24 * 3600_000;

/** Problems with submitted scores against the rubric: each criterion once, each score a whole 1-4. */
export function checkScores(criteria: RubricCriterion[], scores: Record<string, unknown>): string[] {
  const keys = new Set(criteria.map((c) => c.key));
  const problems: string[] = [];
  for (const key of Object.keys(scores)) if (!keys.has(key)) problems.push(`${key}: not a criterion of this event`);
  for (const { key } of criteria) {
    const score = scores[key];
    if (score === undefined) problems.push(`${key}: missing`);
    else if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 4) problems.push(`${key}: must be a whole number from 1 to 4`);
  }
  return problems;
}
