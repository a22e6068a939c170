import type { Principal } from '../../common/auth/principal';
import type { MessageKey, Translate } from '../../common/i18n/catalogue';
import type { TimeFormatter } from '../../common/i18n/format';

export interface Brand {
  name: string;
  /** Hashed URL of the office's logo, when BRAND_LOGO_PATH names one. */
  logoUrl?: string;
}

/** Everything a page component needs besides its data, built once per request. */
export interface PageContext {
  locale: string;
  t: Translate;
  time: TimeFormatter;
  principal?: Principal;
  /** The CSRF token every POST form carries (bound to the session, or to the visitor before sign-in). */
  csrf: string;
  /** The request's path and query: where a sign-in returns to. */
  path: string;
  brand: Brand;
  /** Our own assets by name ("app.css") → their hashed URLs. */
  asset: (name: string) => string;
  /** A one-line message after a redirect (?notice=…), when it names a known one. */
  notice?: Notice;
  now: Date;
}

/**
 * Messages a redirect may ask the next page to show. Only these keys are read from the query
 * string, so a crafted link can choose among our sentences but never write its own.
 */
export const NOTICES = {
  'signed-out': { key: 'notice.signedOut', tone: 'success' },
  'sign-in-sent': { key: 'notice.signInSent', tone: 'success' },
  booked: { key: 'notice.booked', tone: 'success' },
  'already-booked': { key: 'notice.alreadyBooked', tone: 'info' },
  'slot-taken': { key: 'notice.slotTaken', tone: 'error' },
  'booking-overlap': { key: 'notice.bookingOverlap', tone: 'error' },
  'organization-booked': { key: 'notice.organizationBooked', tone: 'error' },
  'booking-limit': { key: 'notice.bookingLimit', tone: 'error' },
  'booking-closed': { key: 'notice.bookingClosed', tone: 'error' },
  'cancellation-closed': { key: 'notice.cancellationClosed', tone: 'error' },
  // Issue 12: eligibility, gaps and cut-offs.
  'cutoff-passed': { key: 'notice.cutoffPassed', tone: 'error' },
  'cancel-cutoff-passed': { key: 'notice.cancelCutoffPassed', tone: 'error' },
  'not-eligible': { key: 'notice.notEligible', tone: 'error' },
  'booking-too-close': { key: 'notice.bookingTooClose', tone: 'error' },
  cancelled: { key: 'notice.cancelled', tone: 'success' },
  'availability-saved': { key: 'notice.availabilitySaved', tone: 'success' },
  'preferences-saved': { key: 'notice.preferencesSaved', tone: 'success' },
  'attendance-saved': { key: 'notice.attendanceSaved', tone: 'success' },
  withdrawn: { key: 'notice.withdrawn', tone: 'success' },
  'calendar-rotated': { key: 'notice.calendarRotated', tone: 'success' },
  // Issue 12, waitlists with offers.
  'waitlist-joined': { key: 'notice.waitlistJoined', tone: 'success' },
  'waitlist-left': { key: 'notice.waitlistLeft', tone: 'success' },
  'waitlist-already': { key: 'notice.waitlistAlready', tone: 'info' },
  'waitlist-closed': { key: 'notice.waitlistClosed', tone: 'error' },
  'offer-declined': { key: 'notice.offerDeclined', tone: 'success' },
  'offer-closed': { key: 'notice.offerClosed', tone: 'error' },
  // Issue 13: the staff console
  'staff-saved': { key: 'console.notice.staffSaved', tone: 'success' },
  'last-admin': { key: 'console.notice.lastAdmin', tone: 'error' },
  'person-saved': { key: 'console.notice.staffSaved', tone: 'success' },
  'person-deleted': { key: 'console.notice.personDeleted', tone: 'success' },
  'event-saved': { key: 'console.notice.staffSaved', tone: 'success' },
  'event-state-refused': { key: 'console.notice.eventStateRefused', tone: 'error' },
  // Issue 12: strikes and feedback.
  'strike-limit': { key: 'notice.strikeLimit', tone: 'error' },
  'feedback-saved': { key: 'notice.feedbackSaved', tone: 'success' },
  'feedback-locked': { key: 'notice.feedbackLocked', tone: 'error' },
  'feedback-too-early': { key: 'notice.feedbackTooEarly', tone: 'error' },
  'feedback-invalid': { key: 'notice.feedbackInvalid', tone: 'error' },
  // Issue 13: the staff console, continued.
  'mail-retried': { key: 'console.notice.mailRetried', tone: 'success' },
  'run-refused': { key: 'console.notice.runRefused', tone: 'error' },
  'run-published': { key: 'console.notice.runPublished', tone: 'success' },
  'floor-saved': { key: 'console.notice.staffSaved', tone: 'success' },
  moved: { key: 'console.notice.moved', tone: 'success' },
  'move-refused': { key: 'console.notice.moveRefused', tone: 'error' },
} as const satisfies Record<string, { key: MessageKey; tone: NoticeTone }>;

export type NoticeTone = 'success' | 'info' | 'error';
export type NoticeName = keyof typeof NOTICES;
export interface Notice {
  text: string;
  tone: NoticeTone;
}
