import type { PreferenceProblem } from './allocation.errors';
import type { StoredChoice, StoredInterval } from './entities/allocation-preference.entity';

export interface PreferenceSubmission {
  choices: { volunteerId?: string; expertise?: string }[];
  unavailable: { startsAt: Date; endsAt: Date }[];
}

export interface PreferenceContext {
  /** How many choices a student may rank. */
  maxChoices: number;
  eventStartsAt: Date;
  eventEndsAt: Date;
  /** Volunteers with slots in the event, with their expertise tags. */
  volunteers: ReadonlyMap<string, readonly string[]>;
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
    const hasVolunteer = c.volunteerId !== undefined;
    const hasExpertise = c.expertise !== undefined;
    if (hasVolunteer === hasExpertise) {
      problems.push({ field, message: 'name exactly one of volunteerId or expertise' });
      return;
    }
    const key = hasVolunteer ? `v:${c.volunteerId}` : `t:${c.expertise}`;
    if (seen.has(key)) {
      problems.push({ field, message: 'duplicate choice: it is already ranked higher' });
      return;
    }
    seen.add(key);
    if (hasVolunteer) {
      if (!ctx.volunteers.has(c.volunteerId!)) problems.push({ field, message: 'no such volunteer interviews at this event' });
      else choices.push({ volunteerId: c.volunteerId! });
    } else if (!tags.has(c.expertise!)) {
      problems.push({ field, message: 'no volunteer at this event has this expertise' });
    } else {
      choices.push({ expertise: c.expertise! });
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
