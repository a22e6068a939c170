export class CalendarUrlResponse {
  /** Subscribe to this in any calendar app; no sign-in needed, so keep it private. */
  url: string;
}
