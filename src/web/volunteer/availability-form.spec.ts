import { gridCells, parseWindowRows, windowRows } from './availability-form';

const event = {
  startsAt: new Date('2026-03-10T13:00:00Z'), // 9:00 in New York (EDT)
  endsAt: new Date('2026-03-10T15:00:00Z'),
  slotMinutes: 30,
  breakMinutes: 10,
  timezone: 'America/New_York',
};

describe('availability form', () => {
  it('lays the event out as slot-sized cells, one slot plus break apart, in the event zone', () => {
    const cells = gridCells(event, [{ startsAt: new Date('2026-03-10T13:40:00Z'), endsAt: new Date('2026-03-10T14:50:00Z') }], new Set([Date.parse('2026-03-10T14:20:00Z')]));
    expect(cells.map((c) => `${c.from}-${c.to}`)).toEqual(['09:00-09:30', '09:40-10:10', '10:20-10:50']);
    expect(cells.map((c) => c.selected)).toEqual([false, true, true]);
    expect(cells.map((c) => c.booked)).toEqual([false, false, true]);
    expect(cells.every((c) => c.day === '2026-03-10')).toBe(true);
  });

  it('reads rows in the event zone, skips blank ones and refuses half-filled ones', () => {
    const ok = parseWindowRows(['2026-03-10', '2026-03-10', '2026-03-10'], ['09:00', '', '13:00'], ['10:30', '', '14:00'], 'America/New_York');
    expect(ok.windows).toEqual([
      { startsAt: new Date('2026-03-10T13:00:00Z'), endsAt: new Date('2026-03-10T14:30:00Z') },
      { startsAt: new Date('2026-03-10T17:00:00Z'), endsAt: new Date('2026-03-10T18:00:00Z') },
    ]);
    expect(ok.rows).toHaveLength(2);
    const bad = parseWindowRows(['2026-03-10', '2026-03-10'], ['09:00', '10:00'], ['10:30', ''], 'America/New_York');
    expect(bad.windows).toBeUndefined();
    expect(bad.rows.map((r) => r.error)).toEqual([undefined, 'availability.rowIncomplete']);
  });

  it('refuses a time the clock skips at the spring DST change', () => {
    const skipped = parseWindowRows(['2026-03-08'], ['02:30'], ['03:30'], 'America/New_York');
    expect(skipped.rows[0].error).toBe('availability.rowIncomplete');
  });

  it('shows stored windows as rows in the event zone', () => {
    expect(windowRows([{ startsAt: new Date('2026-03-10T13:00:00Z'), endsAt: new Date('2026-03-10T14:30:00Z') }], 'America/New_York')).toEqual([
      { day: '2026-03-10', from: '09:00', to: '10:30' },
    ]);
  });
});
