import { checkPreferences, PreferenceContext } from './preference-rules';

const V1 = '11111111-1111-4111-8111-111111111111';
const V2 = '22222222-2222-4222-8222-222222222222';
const at = (h: number) => new Date(Date.UTC(2026, 2, 10, h));
const ctx: PreferenceContext = {
  maxChoices: 3,
  eventStartsAt: at(9),
  eventEndsAt: at(17),
  volunteers: new Map([
    [V1, ['finance']],
    [V2, ['software', 'finance']],
  ]),
};

describe('checkPreferences', () => {
  it('accepts ranked volunteers and tags and normalises unavailable times in time order', () => {
    const out = checkPreferences(
      {
        choices: [{ volunteerId: V2 }, { expertise: 'finance' }],
        unavailable: [
          { startsAt: at(14), endsAt: at(15) },
          { startsAt: at(10), endsAt: at(11) },
        ],
      },
      ctx,
    );
    expect(out).toEqual({
      problems: [],
      choices: [{ volunteerId: V2 }, { expertise: 'finance' }],
      unavailable: [
        { startsAt: at(10).toISOString(), endsAt: at(11).toISOString() },
        { startsAt: at(14).toISOString(), endsAt: at(15).toISOString() },
      ],
    });
  });

  it('accepts empty preferences and back-to-back unavailable times', () => {
    const out = checkPreferences({ choices: [], unavailable: [{ startsAt: at(9), endsAt: at(10) }, { startsAt: at(10), endsAt: at(11) }] }, ctx);
    expect(out.problems).toEqual([]);
  });

  it('reports every problem with its field', () => {
    const out = checkPreferences(
      {
        choices: [
          { volunteerId: V1 },
          { volunteerId: '33333333-3333-4333-8333-333333333333' },
          { volunteerId: V1 },
          { expertise: 'law' },
          { volunteerId: V2, expertise: 'finance' },
        ],
        unavailable: [
          { startsAt: at(8), endsAt: at(10) },
          { startsAt: at(12), endsAt: at(13) },
          { startsAt: at(12), endsAt: at(14) },
          { startsAt: at(15), endsAt: at(15) },
        ],
      },
      ctx,
    );
    expect(out.problems.map((p) => p.field)).toEqual([
      'choices',
      'choices[1]',
      'choices[2]',
      'choices[3]',
      'choices[4]',
      'unavailable[0]',
      'unavailable[2]',
      'unavailable[3]',
    ]);
    expect(out.problems[0].message).toMatch(/at most 3/);
    expect(out.problems.find((p) => p.field === 'choices[2]')!.message).toMatch(/duplicate/);
    expect(out.problems.find((p) => p.field === 'unavailable[2]')!.message).toMatch(/overlaps unavailable\[1\]/);
  });

  it('treats the same tag twice as a duplicate but a tag and a volunteer with it as distinct', () => {
    expect(checkPreferences({ choices: [{ expertise: 'finance' }, { expertise: 'finance' }], unavailable: [] }, ctx).problems).toHaveLength(1);
    expect(checkPreferences({ choices: [{ expertise: 'finance' }, { volunteerId: V1 }], unavailable: [] }, ctx).problems).toEqual([]);
  });
});
