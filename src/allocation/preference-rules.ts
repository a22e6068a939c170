import type { PreferenceProblem } from './allocation.errors';
import type { StoredChoice, StoredInterval } from './entities/allocation-preference.entity';

export interface PreferenceSubmission {
  choices: { volunteerId?: string; expertise?: string; organizationId?: string; rating?: number }[];
  unavailable: { startsAt: Date; endsAt: Date }[];
}

export interface PreferenceContext {
  /** How many choices a student may rank. */
  maxChoices: number;
  eventStartsAt: Date;
  eventEndsAt: Date;
  /** Volunteers with slots in the event, with their expertise tags. */
  volunteers: ReadonlyMap<string, readonly string[]>;
  /** Organizations with a volunteer at the event. */
  organizations?: ReadonlySet<string>;
  /** rated: every choice carries a rating 1-5; ranked: none does. */
  mode?: 'ranked' | 'rated';
}

/**
 * Checks a student's preferences against the event; returns every problem (empty when valid)
 * and the normalised form to store. Pure, so the rules are unit-tested without a database.
 */
export function checkPreferences(
  input: PreferenceSubmission,
  ctx: PreferenceContext,
): { problems: PreferenceProblem[]; choices: StoredChoice[]; unavailable: StoredInterval[] } {
  const problems: PreferenceProblem[] = [];
  const choices: StoredChoice[] = [];
  if (input.choices.length > ctx.maxChoices) {
    problems.push({ field: 'choices', message: `at most ${ctx.maxChoices} choices may be ranked, got ${input.choices.length}` });
  }
  const tags = new Set<string>();
  for (const tagsOf of ctx.volunteers.values()) for (const t of tagsOf) tags.add(t);
  const seen = new Set<string>();
  input.choices.forEach((c, i) => {
    const field = `choices[${i}]`;
    const named = [c.volunteerId, c.expertise, c.organizationId].filter((x) => x !== undefined).length;
    if (named !== 1) {
      problems.push({ field, message: 'name exactly one of volunteerId, expertise or organizationId' });
      return;
    }
    const rated = ctx.mode === 'rated';
    if (rated && c.rating === undefined) {
      problems.push({ field: `${field}.rating`, message: 'this event takes ratings: rate each choice 1 (very interested) to 5' });
      return;
    }
    if (!rated && c.rating !== undefined) {
      problems.push({ field: `${field}.rating`, message: 'this event takes a ranking: list choices best first, without ratings' });
      return;
    }
    const rating = rated ? { rating: c.rating! } : {};
    const key = c.volunteerId !== undefined ? `v:${c.volunteerId}` : c.expertise !== undefined ? `t:${c.expertise}` : `o:${c.organizationId}`;
    if (seen.has(key)) {
      problems.push({ field, message: 'duplicate choice: it is already listed' });
      return;
    }
    seen.add(key);
    if (c.volunteerId !== undefined) {
      if (!ctx.volunteers.has(c.volunteerId)) problems.push({ field, message: 'no such volunteer interviews at this event' });
      else choices.push({ volunteerId: c.volunteerId, ...rating });
    } else if (c.organizationId !== undefined) {
      if (!ctx.organizations?.has(c.organizationId)) problems.push({ field, message: 'no volunteer of this organization interviews at this event' });
      else choices.push({ organizationId: c.organizationId, ...rating });
    } else if (!tags.has(c.expertise!)) {
      problems.push({ field, message: 'no volunteer at this event has this expertise' });
    } else {
      choices.push({ expertise: c.expertise!, ...rating });
    }
  });

  const unavailable = input.unavailable
    .map((u, i) => ({ ...u, i }))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime());
  let previous: (typeof unavailable)[number] | undefined;
  for (const u of unavailable) {
    const field = `unavailable[${u.i}]`;
    if (u.endsAt <= u.startsAt) problems.push({ field, message: 'endsAt must be after startsAt' });
    else if (u.startsAt < ctx.eventStartsAt || u.endsAt > ctx.eventEndsAt) {
      problems.push({ field, message: 'must lie within the event' });
    } else if (previous && u.startsAt < previous.endsAt) {
      problems.push({ field, message: `overlaps unavailable[${previous.i}]` });
    } else {
      previous = u;
    }
  }
  problems.sort((a, b) => a.field.localeCompare(b.field, 'en', { numeric: true }));
  return {
    problems,
    choices,
    unavailable: unavailable.map((u) => ({ startsAt: u.startsAt.toISOString(), endsAt: u.endsAt.toISOString() })),
  };
}
