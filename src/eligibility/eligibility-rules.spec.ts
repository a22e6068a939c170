import { dedupe } from './eligibility-rules';

describe('dedupe (issue 12)', () => {
  it('keeps the first spelling of each value, case-insensitively, and null as null', () => {
    expect(dedupe(['Physics', 'physics', 'Chemistry', 'PHYSICS'])).toEqual(['Physics', 'Chemistry']);
    expect(dedupe([2027, 2026, 2027])).toEqual([2027, 2026]);
    expect(dedupe(null)).toBeNull();
    expect(dedupe(undefined)).toBeNull();
  });
});
