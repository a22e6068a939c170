export class CalendarUrlResponse {
  /** Subscribe to this in any calendar app; no sign-in needed, so keep it private. */
  url: string;
  /** The same URL as `webcal://`: a click on it opens "subscribe" in Apple Calendar and Outlook. */
  webcalUrl: string;
}

export function calendarUrlResponse(url: string): CalendarUrlResponse {
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}
