import { DateTime } from 'luxon';
import { checkWindows, clipWindows, diffSlots, generateSlots, Interval } from './slot-generation';

const zone = 'America/New_York';
const local = (iso: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const interval = (a: string, b: string): Interval => ({ startsAt: local(a), endsAt: local(b) });
const localTimes = (slots: Interval[]) =>
  slots.map((s) => DateTime.fromJSDate(s.startsAt, { zone }).toFormat('HH:mm ZZ'));

describe('generateSlots', () => {
  it('cuts a window into slots with breaks and drops a short remainder', () => {
    const slots = generateSlots([interval('2026-03-02T09:00', '2026-03-02T11:00')], 30, 10);
    expect(localTimes(slots)).toEqual(['09:00 -05:00', '09:40 -05:00', '10:20 -05:00']);
    expect(slots.every((s) => s.endsAt.getTime() - s.startsAt.getTime() === 30 * 60_000)).toBe(true);
  });

  it('gives real 30-minute slots across the spring-forward gap (02:00-03:00 does not exist)', () => {
    const slots = generateSlots([interval('2026-03-08T01:00', '2026-03-08T04:00')], 30, 0);
    // 01:00 EST to 04:00 EDT is two real hours: four slots, not six.
    expect(localTimes(slots)).toEqual(['01:00 -05:00', '01:30 -05:00', '03:00 -04:00', '03:30 -04:00']);
  });

  it('offers the repeated hour twice when clocks fall back', () => {
    const slots = generateSlots([interval('2026-11-01T00:30', '2026-11-01T02:00')], 30, 0);
    // 00:30 EDT to 02:00 EST is 2.5 real hours.
    expect(localTimes(slots)).toEqual(['00:30 -04:00', '01:00 -04:00', '01:30 -04:00', '01:00 -05:00', '01:30 -05:00']);
  });
});

describe('checkWindows', () => {
  const event = interval('2026-03-02T08:00', '2026-03-02T18:00');

  it('accepts disjoint windows inside the event', () => {
    expect(checkWindows([interval('2026-03-02T09:00', '2026-03-02T10:00'), interval('2026-03-02T10:00', '2026-03-02T11:00')], event, 30)).toEqual([]);
  });

  it('reports every bad window by index', () => {
    const problems = checkWindows(
      [
        interval('2026-03-02T07:00', '2026-03-02T09:00'),
        interval('2026-03-02T12:00', '2026-03-02T11:00'),
        interval('2026-03-02T13:00', '2026-03-02T15:00'),
        interval('2026-03-02T14:00', '2026-03-02T16:00'),
        interval('2026-03-02T17:00', '2026-03-02T17:10'),
      ],
      event,
      30,
    );
    expect(problems).toEqual([
      { index: 0, problem: 'outside', reason: 'the window lies outside the event' },
      { index: 1, problem: 'order', reason: 'endsAt must be after startsAt' },
      { index: 3, problem: 'overlap', reason: 'overlaps window 2' },
      { index: 4, problem: 'too-short', reason: 'the window is shorter than one 30-minute slot' },
    ]);
  });
});

describe('clipWindows', () => {
  it('cuts windows to the bounds and drops those left empty or shorter than a slot', () => {
    const bounds = interval('2026-03-02T09:00', '2026-03-02T12:00');
    const clipped = clipWindows(
      [
        interval('2026-03-02T08:00', '2026-03-02T10:00'),
        interval('2026-03-02T10:00', '2026-03-02T11:00'),
        interval('2026-03-02T11:40', '2026-03-02T13:00'),
        interval('2026-03-02T13:00', '2026-03-02T14:00'),
      ],
      bounds,
      30,
    );
    expect(clipped).toEqual([interval('2026-03-02T09:00', '2026-03-02T10:00'), interval('2026-03-02T10:00', '2026-03-02T11:00')]);
  });
});

describe('diffSlots', () => {
  it('keeps slots with the same start and end (and their rows), removes and adds the rest', () => {
    const existing = [
      { id: 'a', ...interval('2026-03-02T09:00', '2026-03-02T09:30') },
      { id: 'b', ...interval('2026-03-02T09:30', '2026-03-02T10:00') },
    ];
    const wanted = generateSlots([interval('2026-03-02T09:00', '2026-03-02T10:00')], 20, 10);
    const diff = diffSlots(existing, wanted);
    // 09:00-09:20 and 09:30-09:50: same starts, other ends, so neither old slot survives.
    expect(diff.removed.map((s) => s.id)).toEqual(['a', 'b']);
    expect(localTimes(diff.added)).toEqual(['09:00 -05:00', '09:30 -05:00']);
    expect(diffSlots(existing, generateSlots([interval('2026-03-02T09:00', '2026-03-02T10:30')], 30, 0))).toEqual({
      removed: [],
      added: [interval('2026-03-02T10:00', '2026-03-02T10:30')],
    });
  });
});
