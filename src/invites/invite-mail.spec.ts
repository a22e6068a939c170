import { renderInviteMail, InviteMailInput } from './invite-mail';

const input = (overrides: Partial<InviteMailInput> = {}): InviteMailInput => ({
  method: 'REQUEST',
  sequence: 0,
  stamp: new Date('2026-11-01T10:00:00Z'),
  messageId: '<invite-1@fairgrid.test>',
  isUpdate: false,
  bookingId: '11111111-1111-4111-8111-111111111111',
  eventId: '22222222-2222-4222-8222-222222222222',
  uidDomain: 'fairgrid.test',
  publicUrl: 'https://fairgrid.test',
  brand: 'Engineering Careers',
  organizer: { name: 'Career Office', email: 'careers@fairgrid.test' },
  event: { name: 'Fall <Mock> Day', location: 'Hall A', description: 'Dress code: business casual', timezone: 'America/New_York' },
  startsAt: new Date('2026-12-01T14:00:00Z'),
  endsAt: new Date('2026-12-01T14:30:00Z'),
  recipientRole: 'volunteer',
  recipient: { name: 'Ada Lovelace', email: 'ada@volunteers.test' },
  counterpart: { name: 'Sam\r\nBcc: evil@x.test' },
  ...overrides,
});

describe('renderInviteMail', () => {
  it("names the student in the volunteer's copy without any student address, on single-line headers", () => {
    const mail = renderInviteMail(input());
    expect(mail.to).toEqual({ name: 'Ada Lovelace', address: 'ada@volunteers.test' });
    expect(mail.subject).toBe('Invitation: Mock interview with Sam Bcc: evil@x.test (student) — Fall <Mock> Day, Tue 1 Dec 09:00');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.ics).toContain('METHOD:REQUEST\r\n');
    const unfolded = mail.ics.replace(/\r\n /g, '');
    expect(unfolded.match(/^ATTENDEE.*$/gm)).toEqual(['ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="Ada Lovelace":MAILTO:ada@volunteers.test']);
    expect(mail.html).toContain('Fall &#60;Mock&#62; Day');
    expect(mail.text).toContain('If you cannot make it, cancel it here (the student is told at once): https://fairgrid.test/interviews/11111111-1111-4111-8111-111111111111');
    expect(mail.text).toContain('or tell the career office (careers@fairgrid.test).');
    expect(mail.text).toContain('The event: https://fairgrid.test/event/22222222-2222-4222-8222-222222222222');
    expect(mail.text).toContain('https://fairgrid.test/my/calendar');
    expect(mail.ics.replace(/\r\n /g, '')).toMatch(/^URL[^:]*:https:\/\/fairgrid\.test\/interviews\/11111111-1111-4111-8111-111111111111\r$/m);
    expect(mail.html).toContain('<a href="https://fairgrid.test/interviews/11111111-1111-4111-8111-111111111111">');
    expect(mail.html).not.toContain('cid:');
    expect(mail.text).toContain('— Engineering Careers');
  });

  it("shows the student's check-in code in their confirmation, and in nothing else", () => {
    const confirmation = renderInviteMail(input({ recipientRole: 'student', checkIn: { code: 'ABCDE-FGHJK-MNPQR', cid: 'qr@fairgrid' } }));
    expect(confirmation.text).toContain('Your check-in code for the day: ABCDE-FGHJK-MNPQR');
    expect(confirmation.text).toContain('https://fairgrid.test/event/22222222-2222-4222-8222-222222222222/check-in');
    expect(confirmation.html).toContain('<img src="cid:qr@fairgrid"');
    const cancel = renderInviteMail(input({ recipientRole: 'student', method: 'CANCEL', checkIn: { code: 'ABCDE-FGHJK-MNPQR', cid: 'qr@fairgrid' } }));
    expect(cancel.text).not.toContain('check-in code');
  });

  it('labels updates and cancellations and keeps METHOD in step', () => {
    expect(renderInviteMail(input({ isUpdate: true, sequence: 1 })).subject).toMatch(/^Updated: /);
    const cancel = renderInviteMail(input({ method: 'CANCEL', sequence: 2 }));
    expect(cancel.subject).toMatch(/^Cancelled: /);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.ics).toContain('METHOD:CANCEL\r\n');
    expect(cancel.ics).toContain('STATUS:CANCELLED\r\n');
    expect(cancel.ics).toContain('SEQUENCE:2\r\n');
  });
});
