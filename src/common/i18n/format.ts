import type { Translate } from './catalogue';

type Style = 'weekday' | 'weekdayLong' | 'day' | 'month' | 'monthLong' | 'time' | 'zone' | 'year';

const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  weekday: { weekday: 'short' },
  weekdayLong: { weekday: 'long' },
  day: { day: 'numeric' },
  month: { month: 'short' },
  monthLong: { month: 'long' },
  year: { year: 'numeric' },
  time: { hour: 'numeric', minute: '2-digit' },
  zone: { timeZoneName: 'short' },
};

/**
 * Times as people read them, in a given zone: "Tue 10 Mar, 9:30 AM EDT". The pieces come from
 * Intl for the reader's locale; how they are put together is a catalogue pattern, so a
 * translation decides its own order. Intl formatters are costly to build, so one per
 * (locale, zone, piece) is kept.
 */
export class TimeFormatter {
  private static readonly cache = new Map<string, Intl.DateTimeFormat>();

  constructor(
    readonly locale: string,
    private readonly t: Translate,
  ) {}

  /** "Tue 10 Mar, 9:30 AM EDT" */
  dateTime(at: Date, zone: string): string {
    return this.t('format.dateTime', this.parts(at, zone));
  }

  /** "Tue 10 Mar" */
  date(at: Date, zone: string): string {
    return this.t('format.date', this.parts(at, zone));
  }

  /** "9:30 AM" */
  time(at: Date, zone: string): string {
    return this.piece('time', at, zone);
  }

  /** "EDT" (or "GMT+1" where the locale has no abbreviation for the zone). */
  zoneName(at: Date, zone: string): string {
    return this.part('zone', at, zone, 'timeZoneName');
  }

  /** "Tuesday 10 March": a heading for one day's slots. */
  longDay(at: Date, zone: string): string {
    return this.t('format.longDay', { ...this.parts(at, zone), weekday: this.piece('weekdayLong', at, zone), month: this.piece('monthLong', at, zone) });
  }

  /** "9:30–10:00 AM EDT" on one day; a range over midnight names both days. */
  range(from: Date, to: Date, zone: string): string {
    if (this.date(from, zone) !== this.date(to, zone)) return `${this.dateTime(from, zone)} – ${this.dateTime(to, zone)}`;
    return this.t('format.timeRange', { from: this.time(from, zone), to: this.time(to, zone), zone: this.zoneName(from, zone) });
  }

  /** "in 2 days", "tomorrow", "3 hours ago". */
  relative(at: Date, now = new Date()): string {
    const seconds = (at.getTime() - now.getTime()) / 1000;
    const units: [Intl.RelativeTimeFormatUnit, number][] = [
      ['day', 86_400],
      ['hour', 3_600],
      ['minute', 60],
    ];
    const rtf = new Intl.RelativeTimeFormat(this.locale, { numeric: 'auto' });
    for (const [unit, size] of units) {
      if (Math.abs(seconds) >= size || unit === 'minute') return rtf.format(Math.round(seconds / size), unit);
    }
    return rtf.format(0, 'minute');
  }

  /** The hour (0-23) of an instant in a zone: for morning/afternoon/evening filters. */
  static hourIn(at: Date, zone: string): number {
    const hour = TimeFormatter.formatter('en-GB', zone, { hour: '2-digit', hourCycle: 'h23' }).format(at);
    return Number(hour);
  }

  private parts(at: Date, zone: string) {
    return {
      weekday: this.piece('weekday', at, zone),
      day: this.piece('day', at, zone),
      month: this.piece('month', at, zone),
      year: this.piece('year', at, zone),
      time: this.time(at, zone),
      zone: this.zoneName(at, zone),
    };
  }

  private piece(style: Style, at: Date, zone: string): string {
    return TimeFormatter.formatter(this.locale, zone, OPTIONS[style]).format(at);
  }

  private part(style: Style, at: Date, zone: string, type: Intl.DateTimeFormatPartTypes): string {
    const parts = TimeFormatter.formatter(this.locale, zone, { ...OPTIONS.time, ...OPTIONS[style] }).formatToParts(at);
    return parts.find((p) => p.type === type)?.value ?? zone;
  }

  private static formatter(locale: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    const key = `${locale}|${zone}|${JSON.stringify(options)}`;
    let formatter = TimeFormatter.cache.get(key);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
      TimeFormatter.cache.set(key, formatter);
    }
    return formatter;
  }
}
