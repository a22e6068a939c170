import type { CriterionFeedback, FeedbackSummary, VolunteerFeedback } from './dto/report.dto';
import type { FeedbackScoreRow } from './reports.repository';

/** Averages to two places; null when there is nothing to average. */
const average = (sum: number, n: number): number | null => (n > 0 ? Math.round((sum / n) * 100) / 100 : null);

/**
 * Pure (issue 12): feedback aggregates per event, criterion and volunteer from one row per
 * volunteer and criterion. `responses` counts feedback forms; criteria follow the rubric's order
 * (criteria since removed from the rubric come last, named by their key).
 */
export function buildFeedback(
  rows: FeedbackScoreRow[],
  forms: Map<string, number>,
  criteria: { key: string; label: string }[],
  names: Map<string, string>,
): FeedbackSummary {
  const keys = [...criteria.map((c) => c.key), ...[...new Set(rows.map((r) => r.criterion))].filter((k) => !criteria.some((c) => c.key === k)).sort()];
  const label = (key: string) => criteria.find((c) => c.key === key)?.label ?? key;
  const criterionOf = (subset: FeedbackScoreRow[]): CriterionFeedback[] =>
    keys.map((key) => {
      const of = subset.filter((r) => r.criterion === key);
      const n = of.reduce((s, r) => s + r.responses, 0);
      return { criterion: key, label: label(key), responses: n, average: average(of.reduce((s, r) => s + r.sum, 0), n) };
    });
  const overall = (subset: FeedbackScoreRow[]) => average(subset.reduce((s, r) => s + r.sum, 0), subset.reduce((s, r) => s + r.responses, 0));
  const volunteerIds = [...forms.keys()].sort((a, b) => (names.get(a) ?? '').localeCompare(names.get(b) ?? '') || a.localeCompare(b));
  const byVolunteer: VolunteerFeedback[] = volunteerIds.map((volunteerId) => {
    const of = rows.filter((r) => r.volunteerId === volunteerId);
    return { volunteerId, name: names.get(volunteerId) ?? '', responses: forms.get(volunteerId) ?? 0, average: overall(of), criteria: criterionOf(of) };
  });
  return { responses: [...forms.values()].reduce((s, n) => s + n, 0), average: overall(rows), criteria: criterionOf(rows), byVolunteer };
}
