import { cutoffPassed } from './booking-rules';

describe('cutoffPassed (issue 12)', () => {
  const startsAt = new Date('2026-03-10T14:00:00Z');
  it('closes at exactly the cut-off before the start, not a moment earlier', () => {
    expect(cutoffPassed(startsAt, 120, new Date('2026-03-10T11:59:59.999Z'))).toBe(false);
    expect(cutoffPassed(startsAt, 120, new Date('2026-03-10T12:00:00Z'))).toBe(true);
  });
  it('with no cut-off, closes when the interview starts', () => {
    expect(cutoffPassed(startsAt, 0, new Date('2026-03-10T13:59:59Z'))).toBe(false);
    expect(cutoffPassed(startsAt, 0, startsAt)).toBe(true);
  });
});
