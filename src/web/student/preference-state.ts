import type { Interval } from '../../slots/slot-generation';
import { zonedInstant } from '../shared/zoned-input';

/** A student's ranking as the form carries it: `v:<volunteer id>` or `t:<tag>`, best first. */
export interface PreferenceState {
  choices: string[];
  unavailable: Interval[];
}

export const choiceKey = (c: { volunteerId?: string; expertise?: string }) => (c.volunteerId ? `v:${c.volunteerId}` : `t:${c.expertise}`);

/** The form's hidden fields back into a ranking; unknown shapes are dropped. */
export function readState(choices: string[], unavailable: string[]): PreferenceState {
  return {
    choices: choices.filter((c) => /^(v:[0-9a-f-]{36}|t:[a-z0-9][a-z0-9-]{0,39})$/.test(c)).slice(0, 50),
    unavailable: unavailable
      .map((u) => u.split('/').map((part) => new Date(part)))
      .filter(([from, to]) => from && to && !Number.isNaN(from.getTime()) && !Number.isNaN(to.getTime()))
      .map(([startsAt, endsAt]) => ({ startsAt, endsAt }))
      .slice(0, 100),
  };
}

export type Action =
  | { kind: 'up' | 'down' | 'remove' | 'clear'; index: number }
  | { kind: 'add'; key: string }
  | { kind: 'unavailable'; day: string; from: string; to: string };

/** The state after one button press; `undefined` when the press asked for something impossible. */
export function apply(state: PreferenceState, action: Action, zone: string): PreferenceState | undefined {
  const choices = [...state.choices];
  switch (action.kind) {
    case 'up':
    case 'down': {
      const to = action.kind === 'up' ? action.index - 1 : action.index + 1;
      if (action.index < 0 || action.index >= choices.length || to < 0 || to >= choices.length) return state;
      [choices[action.index], choices[to]] = [choices[to], choices[action.index]];
      return { ...state, choices };
    }
    case 'remove':
      return { ...state, choices: choices.filter((_, i) => i !== action.index) };
    case 'clear':
      return { ...state, unavailable: state.unavailable.filter((_, i) => i !== action.index) };
    case 'add':
      return choices.includes(action.key) ? state : { ...state, choices: [...choices, action.key] };
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

export function parseAction(value: string, add: string, day: string, from: string, to: string): Action | undefined {
  const [kind, index] = value.split(':');
  if ((kind === 'up' || kind === 'down' || kind === 'remove' || kind === 'clear') && /^\d{1,3}$/.test(index ?? '')) return { kind, index: Number(index) };
  if (kind === 'add' && add) return { kind, key: add };
  if (kind === 'unavailable') return { kind, day, from, to };
  return undefined;
}
