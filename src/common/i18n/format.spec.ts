import { Catalogues, negotiateLocale, translator } from './catalogue';
import { TimeFormatter } from './format';

const catalogues = new Catalogues();
const t = translator('en', catalogues.messages('en'));
const time = new TimeFormatter('en', t);

describe('times as people read them', () => {
  it('writes an instant in the event zone, with the zone', () => {
    const at = new Date('2026-03-10T13:30:00Z');
    expect(time.dateTime(at, 'America/New_York')).toBe('Tue 10 Mar, 9:30 AM EDT');
    expect(time.dateTime(at, 'UTC')).toBe('Tue 10 Mar, 1:30 PM UTC');
    expect(time.longDay(at, 'America/New_York')).toBe('Tuesday 10 March');
    expect(time.range(at, new Date('2026-03-10T14:00:00Z'), 'America/New_York')).toBe('9:30 AM – 10:00 AM EDT');
  });

  it('follows daylight saving time: the same wall clock on both sides of the change', () => {
    expect(time.dateTime(new Date('2026-03-06T14:00:00Z'), 'America/New_York')).toBe('Fri 6 Mar, 9:00 AM EST');
    expect(time.dateTime(new Date('2026-03-09T13:00:00Z'), 'America/New_York')).toBe('Mon 9 Mar, 9:00 AM EDT');
  });

  it('says how far away a time is', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(time.relative(new Date('2026-03-12T12:00:00Z'), now)).toBe('in 2 days');
    expect(time.relative(new Date('2026-03-11T12:00:00Z'), now)).toBe('tomorrow');
    expect(time.relative(new Date('2026-03-10T09:00:00Z'), now)).toBe('3 hours ago');
    expect(time.relative(new Date('2026-03-10T12:20:00Z'), now)).toBe('in 20 minutes');
  });

  it('reads the hour of an instant on the zone clock', () => {
    expect(TimeFormatter.hourIn(new Date('2026-03-10T13:30:00Z'), 'America/New_York')).toBe(9);
  });
});

describe('the message catalogue', () => {
  it('fills placeholders and picks plural forms', () => {
    expect(t('home.greeting', { name: 'Ada' })).toBe('Hello, Ada');
    expect(t('home.holding', { count: 1 })).toBe('1 interview');
    expect(t('home.holding', { count: 3 })).toBe('3 interviews');
  });

  it('has every placeholder of English in each translation, and no key English lacks', () => {
    const english = catalogues.messages('en');
    for (const locale of catalogues.locales) {
      const messages = catalogues.messages(locale);
      expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
      for (const [key, message] of Object.entries(messages)) {
        const names = (m: unknown) => [...JSON.stringify(m).matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
        expect({ key, names: names(message) }).toEqual({ key, names: names(english[key as keyof typeof english]) });
      }
    }
  });

  it('negotiates the locale from Accept-Language, English by default', () => {
    expect(negotiateLocale('fr-CA,fr;q=0.8,en;q=0.5', ['en', 'fr'])).toBe('fr');
    expect(negotiateLocale('de;q=0.9, en-GB;q=0.8', ['en', 'fr'])).toBe('en');
    expect(negotiateLocale('es', ['en', 'fr'])).toBe('en');
    expect(negotiateLocale(undefined, ['en'])).toBe('en');
    expect(negotiateLocale('fr;q=0, en', ['en', 'fr'])).toBe('en');
  });
});
