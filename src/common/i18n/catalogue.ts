import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type english from './messages/en.json';

/** Every message key; `en.json` is the source of truth and the fallback. */
export type MessageKey = keyof typeof english;
export type Message = string | { one: string; other: string };
export type Catalogue = Record<MessageKey, Message>;
export type MessageParams = Record<string, string | number>;

export const DEFAULT_LOCALE = 'en';
const MESSAGES_DIR = join(__dirname, 'messages');

/**
 * Every visible string, per locale, from `messages/<locale>.json`. A translation is one more
 * file there (its keys a subset of en.json's; missing ones fall back to English), no code change.
 */
export class Catalogues {
  private readonly byLocale = new Map<string, Catalogue>();

  constructor(dir = MESSAGES_DIR) {
    const english = readCatalogue(join(dir, `${DEFAULT_LOCALE}.json`));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const locale = file.slice(0, -'.json'.length);
      this.byLocale.set(locale, { ...english, ...readCatalogue(join(dir, file)) });
    }
  }

  get locales(): string[] {
    return [...this.byLocale.keys()];
  }

  messages(locale: string): Catalogue {
    return this.byLocale.get(locale) ?? this.byLocale.get(DEFAULT_LOCALE)!;
  }
}

function readCatalogue(path: string): Catalogue {
  return JSON.parse(readFileSync(path, 'utf8')) as Catalogue;
}

/** The translator pages and mails use: `t('booking.confirmed', { name })`. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translator(locale: string, messages: Catalogue): Translate {
  const plurals = new Intl.PluralRules(locale);
  return (key, params = {}) => {
    const message = messages[key];
    const text = typeof message === 'string' ? message : plurals.select(Number(params.count)) === 'one' ? message.one : message.other;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

/**
 * The best of our locales for an Accept-Language header (RFC 9110 §12.5.4): by quality, then
 * order; `fr-CA` falls back to `fr`; English when nothing matches.
 */
export function negotiateLocale(header: string | undefined, available: string[]): string {
  const wanted = (header ?? '')
    .split(',')
    .map((part, order) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((w) => w.tag && w.tag !== '*' && w.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  const lower = new Map(available.map((l) => [l.toLowerCase(), l]));
  for (const { tag } of wanted) {
    const match = lower.get(tag) ?? lower.get(tag.split('-')[0]);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}
