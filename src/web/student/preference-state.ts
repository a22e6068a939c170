import type { Interval } from '../../slots/slot-generation';
import { zonedInstant } from '../shared/zoned-input';

/**
 * A student's choices as the form carries them: `v:<volunteer id>`, `o:<organization id>` or
 * `t:<tag>`, best first; in rated events each with its rating (1 very interested … 5 not).
 */
export interface PreferenceState {
  choices: string[];
  /** Rated events only: the rating of each choice, in the same order. */
  ratings?: number[];
  unavailable: Interval[];
}

export const RATINGS = [1, 2, 3, 4, 5] as const;
const CHOICE = /^(v:[0-9a-f-]{36}|o:[0-9a-f-]{36}|t:[a-z0-9][a-z0-9-]{0,39})$/;

export const choiceKey = (c: { volunteerId?: string; organizationId?: string; expertise?: string }) =>
  c.volunteerId ? `v:${c.volunteerId}` : c.organizationId ? `o:${c.organizationId}` : `t:${c.expertise}`;

/** A choice key as the API takes it. */
export function choiceOf(key: string, rating?: number): { volunteerId?: string; organizationId?: string; expertise?: string; rating?: number } {
  const value = key.slice(2);
  const base = key.startsWith('v:') ? { volunteerId: value } : key.startsWith('o:') ? { organizationId: value } : { expertise: value };
  return rating === undefined ? base : { ...base, rating };
}

/** The form's fields back into a state; unknown shapes are dropped (with their ratings). */
export function readState(choices: string[], ratings: string[] | undefined, unavailable: string[]): PreferenceState {
  const kept = choices.map((c, i) => ({ c, rating: Number(ratings?.[i]) })).filter(({ c }) => CHOICE.test(c)).slice(0, 50);
  return {
    choices: kept.map(({ c }) => c),
    ...(ratings ? { ratings: kept.map(({ rating }) => (RATINGS.includes(rating as 1) ? rating : 3)) } : {}),
    unavailable: unavailable
      .map((u) => u.split('/').map((part) => new Date(part)))
      .filter(([from, to]) => from && to && !Number.isNaN(from.getTime()) && !Number.isNaN(to.getTime()))
      .map(([startsAt, endsAt]) => ({ startsAt, endsAt }))
      .slice(0, 100),
  };
}

export type Action =
  | { kind: 'up' | 'down' | 'remove' | 'clear'; index: number }
  | { kind: 'add'; key: string; rating: number }
  | { kind: 'save' }
  | { kind: 'unavailable'; day: string; from: string; to: string };

/** The state after one button press; `undefined` when the press asked for something impossible. */
export function apply(state: PreferenceState, action: Action, zone: string): PreferenceState | undefined {
  const choices = [...state.choices];
  const ratings = state.ratings && [...state.ratings];
  switch (action.kind) {
    case 'up':
    case 'down': {
      const to = action.kind === 'up' ? action.index - 1 : action.index + 1;
      if (action.index < 0 || action.index >= choices.length || to < 0 || to >= choices.length) return state;
      [choices[action.index], choices[to]] = [choices[to], choices[action.index]];
      if (ratings) [ratings[action.index], ratings[to]] = [ratings[to], ratings[action.index]];
      return { ...state, choices, ratings };
    }
    case 'remove':
      return { ...state, choices: choices.filter((_, i) => i !== action.index), ratings: ratings?.filter((_, i) => i !== action.index) };
    case 'clear':
      return { ...state, unavailable: state.unavailable.filter((_, i) => i !== action.index) };
    case 'add':
      if (!CHOICE.test(action.key) || choices.includes(action.key)) return state;
      return { ...state, choices: [...choices, action.key], ratings: ratings && [...ratings, action.rating] };
    case 'save':
      return state;
    case 'unavailable': {
      const startsAt = zonedInstant(action.day, action.from, zone);
      const endsAt = zonedInstant(action.day, action.to, zone);
      if (!startsAt || !endsAt) return undefined;
      return { ...state, unavailable: [...state.unavailable, { startsAt, endsAt }] };
    }
  }
}

/** Which row to bring into view after a move, so keyboard users keep their place. */
export function focusAfter(action: Action): string | undefined {
  if (action.kind === 'up') return `choice-${action.index - 1}`;
  if (action.kind === 'down') return `choice-${action.index + 1}`;
  return undefined;
}

export function parseAction(value: string, fields: { add: string; addRating: string; day: string; from: string; to: string }): Action | undefined {
  const [kind, index] = value.split(':');
  if ((kind === 'up' || kind === 'down' || kind === 'remove' || kind === 'clear') && /^\d{1,3}$/.test(index ?? '')) return { kind, index: Number(index) };
  if (kind === 'add' && fields.add) return { kind, key: fields.add, rating: RATINGS.includes(Number(fields.addRating) as 1) ? Number(fields.addRating) : 3 };
  if (kind === 'save') return { kind };
  if (kind === 'unavailable') return { kind, day: fields.day, from: fields.from, to: fields.to };
  return undefined;
}
