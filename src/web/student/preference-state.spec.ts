import { apply, choiceOf, parseAction, readState } from './preference-state';

const V1 = 'v:11111111-1111-4111-8111-111111111111';
const O1 = 'o:22222222-2222-4222-8222-222222222222';

describe('preference form state', () => {
  it('moves, removes and adds choices, keeping ratings with their choice', () => {
    const state = readState([V1, 't:finance', O1], ['1', '4', '2'], []);
    expect(state.ratings).toEqual([1, 4, 2]);
    const moved = apply(state, { kind: 'down', index: 0 }, 'UTC')!;
    expect(moved.choices).toEqual(['t:finance', V1, O1]);
    expect(moved.ratings).toEqual([4, 1, 2]);
    const removed = apply(moved, { kind: 'remove', index: 1 }, 'UTC')!;
    expect(removed).toMatchObject({ choices: ['t:finance', O1], ratings: [4, 2] });
    const added = apply(removed, { kind: 'add', key: 't:law', rating: 5 }, 'UTC')!;
    expect(added).toMatchObject({ choices: ['t:finance', O1, 't:law'], ratings: [4, 2, 5] });
    expect(apply(added, { kind: 'add', key: 't:law', rating: 1 }, 'UTC')).toBe(added);
  });

  it('drops what is not a choice, and turns keys into what the API takes', () => {
    expect(readState(['v:not-an-id', 't:Finance!', V1], undefined, []).choices).toEqual([V1]);
    expect(choiceOf(O1, 2)).toEqual({ organizationId: O1.slice(2), rating: 2 });
    expect(choiceOf('t:law')).toEqual({ expertise: 'law' });
  });

  it('reads a time the student cannot come on the event clock, and refuses an incomplete one', () => {
    const state = readState([], undefined, []);
    const added = apply(state, { kind: 'unavailable', day: '2026-03-10', from: '09:00', to: '10:30' }, 'America/New_York')!;
    expect(added.unavailable).toEqual([{ startsAt: new Date('2026-03-10T13:00:00Z'), endsAt: new Date('2026-03-10T14:30:00Z') }]);
    expect(apply(state, parseAction('unavailable', { add: '', addRating: '', day: '2026-03-10', from: '09:00', to: '' })!, 'UTC')).toBeUndefined();
    expect(parseAction('up:x', { add: '', addRating: '', day: '', from: '', to: '' })).toBeUndefined();
  });
});
