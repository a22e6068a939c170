/**
 * The page addresses mails and calendar files link to, in one place. The page controllers in
 * src/web serve exactly these paths; the e2e tests follow every link a mail carries.
 */
const base = (publicUrl: string) => publicUrl.replace(/\/$/, '');

export const pageLinks = {
  signIn: (publicUrl: string) => `${base(publicUrl)}/`,
  /** The page a mailed sign-in link opens (it signs in only when its button is pressed). */
  signInLink: (publicUrl: string, token: string) => `${base(publicUrl)}/sign-in/link?token=${encodeURIComponent(token)}`,
  interview: (publicUrl: string, bookingId: string) => `${base(publicUrl)}/interviews/${bookingId}`,
  event: (publicUrl: string, eventId: string) => `${base(publicUrl)}/event/${eventId}`,
  checkIn: (publicUrl: string, eventId: string) => `${base(publicUrl)}/event/${eventId}/check-in`,
  calendar: (publicUrl: string) => `${base(publicUrl)}/my/calendar`,
  /** Issue 12: a waitlist offer's page; `answer` preselects accept or decline (the page still asks). */
  offer: (publicUrl: string, offerId: string, answer?: 'accept' | 'decline') =>
    `${base(publicUrl)}/my/offers/${offerId}${answer ? `?answer=${answer}` : ''}`,
  /** Issue 12: the volunteer's feedback form for one interview. */
  feedback: (publicUrl: string, bookingId: string) => `${base(publicUrl)}/interviews/${bookingId}/feedback`,
};

/** The interview page, which the invites and feeds name as their URL. */
export const interviewUrl = pageLinks.interview;
