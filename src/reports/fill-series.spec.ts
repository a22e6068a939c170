import { fillBuckets, MAX_FILL_POINTS } from './fill-series';

const at = (iso: string) => new Date(iso);

describe('fillBuckets', () => {
  it('samples a day-long window hourly, ending at its end', () => {
    const { stepMinutes, instants } = fillBuckets(at('2031-03-01T09:00:00Z'), at('2031-03-02T08:30:00Z'));
    expect(stepMinutes).toBe(60);
    expect(instants[0].toISOString()).toBe('2031-03-01T09:00:00.000Z');
    expect(instants[1].toISOString()).toBe('2031-03-01T10:00:00.000Z');
    expect(instants.at(-1)!.toISOString()).toBe('2031-03-02T08:30:00.000Z');
    expect(instants).toHaveLength(25);
  });

  it('takes longer steps for longer windows, never more than the bound', () => {
    const month = fillBuckets(at('2031-03-01T00:00:00Z'), at('2031-04-01T00:00:00Z'));
    expect(month.stepMinutes).toBe(1440);
    expect(month.instants.length).toBeLessThanOrEqual(MAX_FILL_POINTS);
    const decade = fillBuckets(at('2021-01-01T00:00:00Z'), at('2031-01-01T00:00:00Z'));
    expect(decade.instants.length).toBeLessThanOrEqual(MAX_FILL_POINTS);
    expect(decade.instants.at(-1)!.toISOString()).toBe('2031-01-01T00:00:00.000Z');
  });

  it('has no points before the window opens', () => {
    expect(fillBuckets(at('2031-03-01T09:00:00Z'), at('2031-03-01T09:00:00Z')).instants).toEqual([]);
    expect(fillBuckets(at('2031-03-01T09:00:00Z'), at('2031-02-01T09:00:00Z')).instants).toEqual([]);
  });
});
