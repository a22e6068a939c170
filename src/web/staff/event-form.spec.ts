import { instantOf, localOf, readEventForm } from './event-form';

describe('event form times', () => {
  it('reads a local date-time on the clock of the event zone, across a DST change', () => {
    expect(instantOf('2031-03-09T09:00', 'America/New_York')).toBe('2031-03-09T09:00:00.000-04:00');
    expect(instantOf('2031-03-08T09:00', 'America/New_York')).toBe('2031-03-08T09:00:00.000-05:00');
    expect(localOf(new Date('2031-03-09T13:00:00Z'), 'America/New_York')).toBe('2031-03-09T09:00');
  });

  it('passes anything that is not a date-time through, for the DTO to refuse', () => {
    expect(instantOf('tomorrow', 'UTC')).toBe('tomorrow');
    expect(instantOf('2031-02-30T09:00', 'UTC')).toBe('2031-02-30T09:00');
  });

  it('turns the posted form into what the event DTOs validate', () => {
    const { plain } = readEventForm({ name: ' Fair ', timezone: 'UTC', startsAt: '2031-05-01T09:00', slotMinutes: '45', breakMinutes: 'x', maxBookingsPerStudent: '' });
    expect(plain).toMatchObject({ name: 'Fair', timezone: 'UTC', startsAt: '2031-05-01T09:00:00.000Z', slotMinutes: 45, breakMinutes: 'x' });
    expect(plain).not.toHaveProperty('maxBookingsPerStudent');
  });
});
